window.YTD.tweetdeck.part0 = [ ]
