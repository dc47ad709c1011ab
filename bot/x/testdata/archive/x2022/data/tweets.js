window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517300000000000000"
          ],
          "editableUntil" : "2014-10-01T08:12:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "60",
              "64"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "http://t.co/5SoLdok6yj",
            "expanded_url" : "http://bit.ly/1rQz0AB",
            "display_url" : "bit.ly/1rQz0AB",
            "indices" : [
              "37",
              "59"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "64"
      ],
      "favorite_count" : "3",
      "id_str" : "517300000000000000",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517300000000000000",
      "created_at" : "Wed Oct 01 07:12:00 +0000 2014",
      "favorited" : false,
      "full_text" : "Universal SSL: How It Scales &amp; more http://t.co/5SoLdok6yj #SSL",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517310000000000000"
          ],
          "editableUntil" : "2014-10-01T08:50:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Moissonneur",
            "screen_name" : "moissonneur",
            "indices" : [
              "0",
              "12"
            ],
            "id_str" : "1234567890",
            "id" : "1234567890"
          }
        ],
        "urls" : [
          {
            "url" : "http://t.co/k3yl3ss0",
            "expanded_url" : "http://blog.cloudflare.com/keyless-ssl-the-nitty-gritty-technical-details/",
            "display_url" : "blog.cloudflare.com/keyless-ssl-th…",
            "indices" : [
              "27",
              "49"
            ]
          }
        ]
      },
      "favorite_count" : "0",
      "in_reply_to_status_id_str" : "517300000000000000",
      "id_str" : "517310000000000000",
      "in_reply_to_user_id" : "1234567890",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517310000000000000",
      "in_reply_to_status_id" : "517300000000000000",
      "created_at" : "Wed Oct 01 07:50:00 +0000 2014",
      "favorited" : false,
      "full_text" : "@moissonneur and the sequel: http://t.co/k3yl3ss0",
      "lang" : "en",
      "in_reply_to_screen_name" : "moissonneur",
      "in_reply_to_user_id_str" : "1234567890"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Cloudflare",
            "screen_name" : "Cloudflare",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "32499999",
            "id" : "32499999"
          }
        ],
        "urls" : [
          {
            "url" : "https://t.co/an5w3r",
            "expanded_url" : "https://example.org/answer",
            "display_url" : "example.org/answer",
            "indices" : [
              "24",
              "47"
            ]
          }
        ]
      },
      "in_reply_to_status_id_str" : "517000000000000000",
      "id_str" : "517320000000000000",
      "in_reply_to_user_id" : "32499999",
      "id" : "517320000000000000",
      "in_reply_to_status_id" : "517000000000000000",
      "created_at" : "Wed Oct 01 08:00:00 +0000 2014",
      "full_text" : "@Cloudflare great post! https://t.co/an5w3r",
      "lang" : "en",
      "in_reply_to_screen_name" : "Cloudflare",
      "in_reply_to_user_id_str" : "32499999"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Cloudflare",
            "screen_name" : "Cloudflare",
            "indices" : [
              "3",
              "14"
            ],
            "id_str" : "32499999",
            "id" : "32499999"
          }
        ],
        "urls" : [
          {
            "url" : "http://t.co/AbCdEf123",
            "expanded_url" : "http://blog.cloudflare.com/introducing-universal-ssl/",
            "display_url" : "blog.cloudflare.com/introducing-un…",
            "indices" : [
              "42",
              "64"
            ]
          }
        ]
      },
      "id_str" : "517330000000000000",
      "id" : "517330000000000000",
      "created_at" : "Thu Oct 02 09:00:00 +0000 2014",
      "full_text" : "RT @Cloudflare: Introducing Universal SSL http://t.co/AbCdEf123 …",
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
        "urls" : [
          {
            "url" : "https://t.co/k3yl3ss1",
            "expanded_url" : "https://blog.cloudflare.com/announcing-keyless-ssl-all-the-benefits-of-cloudflare-without-having-to-turn-over-your-private-ssl-keys/",
            "display_url" : "blog.cloudflare.com/announcing-key…",
            "indices" : [
              "19",
              "42"
            ]
          },
          {
            "url" : "https://t.co/qu0t3d",
            "expanded_url" : "https://twitter.com/Cloudflare/status/517000000000000000",
            "display_url" : "twitter.com/Cloudflare/sta…",
            "indices" : [
              "43",
              "66"
            ]
          }
        ]
      },
      "quoted_status_id_str" : "517000000000000000",
      "id_str" : "517340000000000000",
      "id" : "517340000000000000",
      "created_at" : "Thu Oct 02 10:00:00 +0000 2014",
      "full_text" : "Keyless, explained https://t.co/k3yl3ss1 https://t.co/qu0t3d",
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
        "urls" : [ ],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/moissonneur/status/517350000000000000/photo/1",
            "indices" : [
              "58",
              "81"
            ],
            "url" : "https://t.co/p1c123",
            "media_url_https" : "https://pbs.twimg.com/media/B0abcdeCYAAxyz1.jpg",
            "id_str" : "517349999000000000",
            "id" : "517349999000000000",
            "type" : "photo",
            "display_url" : "pic.twitter.com/p1c123"
          }
        ]
      },
      "id_str" : "517350000000000000",
      "id" : "517350000000000000",
      "created_at" : "Fri Oct 03 12:00:00 +0000 2014",
      "full_text" : "&lt;blink&gt; is back &amp; so is &quot;marquee&quot; &#39;98 https://t.co/p1c123",
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
        "urls" : [
          {
            "url" : "https://t.co/n0t3l0ng",
            "expanded_url" : "https://twitter.com/i/web/status/1775210000000000000",
            "display_url" : "twitter.com/i/web/status/1…",
            "indices" : [
              "257",
              "280"
            ]
          }
        ]
      },
      "id_str" : "1775210000000000000",
      "id" : "1775210000000000000",
      "created_at" : "Tue Apr 02 16:25:47 +0000 2024",
      "full_text" : "A long post about deploying TLS everywhere, which goes on and on … https://t.co/n0t3l0ng",
      "lang" : "en"
    }
  }
]
