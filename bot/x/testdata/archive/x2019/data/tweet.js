window.YTD.tweet.part0 = [ {
  "retweeted" : false,
  "source" : "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
  "entities" : {
    "hashtags" : [ ],
    "symbols" : [ ],
    "user_mentions" : [ ],
    "urls" : [ {
      "url" : "https://t.co/rUsT2019",
      "expanded_url" : "https://blog.rust-lang.org/2019/05/15/4-Years-Of-Rust.html",
      "display_url" : "blog.rust-lang.org/2019/05/15/4-Y…",
      "indices" : [ 25, 48 ]
    } ]
  },
  "display_text_range" : [ 0, 62 ],
  "favorite_count" : 7,
  "id_str" : "1128700000000000000",
  "truncated" : false,
  "retweet_count" : 2,
  "id" : 1128700000000000000,
  "created_at" : "Wed May 15 16:05:00 +0000 2019",
  "favorited" : false,
  "full_text" : "4 years of Rust, already https://t.co/rUsT2019 #rustlang #2019",
  "lang" : "en"
}, {
  "retweeted" : false,
  "entities" : {
    "hashtags" : [ ],
    "symbols" : [ ],
    "user_mentions" : [ ],
    "urls" : [ ]
  },
  "in_reply_to_status_id_str" : "1128700000000000000",
  "id_str" : "1128700100000000000",
  "in_reply_to_user_id" : 1234567890,
  "id" : 1128700100000000000,
  "in_reply_to_status_id" : 1128700000000000000,
  "created_at" : "Wed May 15 16:06:00 +0000 2019",
  "full_text" : "@Moissonneur one more thing",
  "lang" : "en",
  "in_reply_to_screen_name" : "moissonneur",
  "in_reply_to_user_id_str" : "1234567890"
}, {
  "retweeted" : false,
  "entities" : {
    "hashtags" : [ ],
    "symbols" : [ ],
    "user_mentions" : [ ],
    "urls" : [ ]
  },
  "in_reply_to_status_id_str" : "1128700100000000000",
  "id_str" : "1128700200000000000",
  "in_reply_to_user_id" : 1234567890,
  "id" : 1128700200000000000,
  "in_reply_to_status_id" : 1128700100000000000,
  "created_at" : "Wed May 15 16:07:00 +0000 2019",
  "full_text" : "and a last one",
  "lang" : "en"
}, {
  "retweeted" : false,
  "entities" : {
    "hashtags" : [ ],
    "symbols" : [ ],
    "user_mentions" : [ ],
    "urls" : [ ]
  },
  "in_reply_to_status_id_str" : "1128000000000000000",
  "id_str" : "1128700300000000000",
  "in_reply_to_user_id" : 42,
  "id" : 1128700300000000000,
  "in_reply_to_status_id" : 1128000000000000000,
  "created_at" : "Wed May 15 17:00:00 +0000 2019",
  "full_text" : "@someone I disagree",
  "lang" : "en",
  "in_reply_to_screen_name" : "someone",
  "in_reply_to_user_id_str" : "42"
} ]
