window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1",
      "created_at" : "Wed Oct 01 07:12:00 +0000 2014",
      "full_text" : "fine"
    }
  },
  {
    "tweet" : {
      "id_str" : "2",
      "created_at" : "Wed Oct 01 07:13:00 +0000 2014",
      "full_text" : 12
    }
  }
]
