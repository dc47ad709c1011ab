window.YTD.tweet.part1 = [ {
  "tweet" : {
    "retweeted" : false,
    "entities" : {
      "hashtags" : [ ],
      "symbols" : [ ],
      "user_mentions" : [ ],
      "urls" : [ ]
    },
    "in_reply_to_status_id_str" : "1248000000000000000",
    "id_str" : "1248400000000000000",
    "in_reply_to_user_id" : "42",
    "id" : "1248400000000000000",
    "in_reply_to_status_id" : "1248000000000000000",
    "created_at" : "Fri Apr 10 08:00:00 +0000 2020",
    "full_text" : "@someone yes, see http://example.com/faq#generics.",
    "lang" : "en",
    "in_reply_to_user_id_str" : "42"
  }
} ]
