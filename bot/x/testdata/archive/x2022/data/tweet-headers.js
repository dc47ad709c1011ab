window.YTD.tweet_headers.part0 = [
  {
    "tweet" : {
      "tweet_id" : "517300000000000000",
      "user_id" : "1234567890",
      "created_at" : "Wed Oct 01 07:12:00 +0000 2014"
    }
  }
]
