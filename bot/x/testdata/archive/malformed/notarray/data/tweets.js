window.YTD.tweets.part0 = {
  "tweet" : { }
}
