window.YTD.tweet.part0 = [ {
  "tweet" : {
    "retweeted" : false,
    "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "entities" : {
      "hashtags" : [ {
        "text" : "Go",
        "indices" : [ "41", "44" ]
      } ],
      "symbols" : [ ],
      "user_mentions" : [ ],
      "urls" : [ {
        "url" : "https://t.co/g0g3n3r1cs",
        "expanded_url" : "https://go.dev/blog/intro-generics",
        "display_url" : "go.dev/blog/intro-gen…",
        "indices" : [ "17", "40" ]
      } ]
    },
    "display_text_range" : [ "0", "44" ],
    "favorite_count" : "12",
    "id_str" : "1248300000000000000",
    "truncated" : false,
    "retweet_count" : "4",
    "id" : "1248300000000000000",
    "created_at" : "Thu Apr 09 17:30:12 +0000 2020",
    "favorited" : false,
    "full_text" : "Generics, at last https://t.co/g0g3n3r1cs #Go",
    "lang" : "en"
  }
}, {
  "tweet" : {
    "retweeted" : false,
    "entities" : {
      "hashtags" : [ ],
      "symbols" : [ ],
      "user_mentions" : [ ],
      "urls" : [ ]
    },
    "in_reply_to_status_id_str" : "1248300000000000000",
    "id_str" : "1248300500000000000",
    "in_reply_to_user_id" : "1234567890",
    "id" : "1248300500000000000",
    "in_reply_to_status_id" : "1248300000000000000",
    "created_at" : "Thu Apr 09 17:32:00 +0000 2020",
    "full_text" : "(a thread of my own)",
    "lang" : "en",
    "in_reply_to_user_id_str" : "1234567890"
  }
} ]
