window.YTD.tweets.part1 = [
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "64",
              "68"
            ]
          },
          {
            "text" : "crypto",
            "indices" : [
              "69",
              "76"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/sha1dep",
            "expanded_url" : "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know",
            "display_url" : "community.qualys.com/blogs/security…",
            "indices" : [
              "40",
              "63"
            ]
          }
        ]
      },
      "id_str" : "516900000000000000",
      "id" : "516900000000000000",
      "created_at" : "Tue Sep 30 02:00:00 +0000 2014",
      "full_text" : "SHA1 Deprecation: What You Need to Know https://t.co/sha1dep #SSL #crypto",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "id_str" : "517299999999999999",
      "id" : "517299999999999999",
      "created_at" : "Wed Oct 01 07:12:00 +0000 2014",
      "full_text" : "Same second, smaller id: sorts first",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "in_reply_to_status_id_str" : "1775210000000000000",
      "id_str" : "1775210000000000001",
      "in_reply_to_user_id" : "1234567890",
      "id" : "1775210000000000001",
      "in_reply_to_status_id" : "1775210000000000000",
      "created_at" : "Tue Apr 02 16:25:47 +0000 2024",
      "full_text" : "2/ and the thread ends here",
      "lang" : "en",
      "in_reply_to_screen_name" : "moissonneur",
      "in_reply_to_user_id_str" : "1234567890"
    }
  }
]
