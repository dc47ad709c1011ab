window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "520276430681014330"
          ],
          "editableUntil" : "2014-10-09T18:45:42.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "PostgreSQL",
            "indices" : [
              "81",
              "92"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/Kgq3vpXxOD",
            "expanded_url" : "http://www.postgresql.org/about/news/1542/",
            "display_url" : "postgresql.org/about/news/…",
            "indices" : [
              "58",
              "80"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "92"
      ],
      "favorite_count" : "1",
      "id_str" : "520276430681014330",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "520276430681014330",
      "created_at" : "Thu Oct 09 18:15:42 +0000 2014",
      "favorited" : false,
      "full_text" : "PostgreSQL 9.4 Beta 3 &lt;jsonb&gt; change de format sur disque http://t.co/Kgq3vpXxOD #PostgreSQL",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "518067953464246329"
          ],
          "editableUntil" : "2014-10-03T16:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "86",
              "95"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/S7kEIu1BQH",
            "expanded_url" : "http://blog.cloudflare.com/inside-shellshock/",
            "display_url" : "blog.cloudflare.com/inside…",
            "indices" : [
              "63",
              "85"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "95"
      ],
      "favorite_count" : "4",
      "id_str" : "518067953464246329",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "518067953464246329",
      "created_at" : "Fri Oct 03 16:00:00 +0000 2014",
      "favorited" : false,
      "full_text" : "Inside Shellshock: How hackers are using it to exploit systems http://t.co/S7kEIu1BQH #Security",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "518052853969846328"
          ],
          "editableUntil" : "2014-10-03T15:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Redis",
            "indices" : [
              "75",
              "81"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/VuOPRr2065",
            "expanded_url" : "http://oldblog.antirez.com/post/redis-persistence-demystified.html",
            "display_url" : "oldblog.antirez.com/post/r…",
            "indices" : [
              "52",
              "74"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "81"
      ],
      "favorite_count" : "2",
      "id_str" : "518052853969846328",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "518052853969846328",
      "created_at" : "Fri Oct 03 15:00:00 +0000 2014",
      "favorited" : false,
      "full_text" : "Redis persistence demystified, toujours d'actualité http://t.co/VuOPRr2065 #Redis",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "518038777885622327"
          ],
          "editableUntil" : "2014-10-03T14:34:04.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Redis",
            "indices" : [
              "77",
              "83"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/fucCUYjmgW",
            "expanded_url" : "https://redislabs.com/blog/redis-running-slowly-heres-what-you-can-do-about-it",
            "display_url" : "redislabs.com/blog/redis-r…",
            "indices" : [
              "54",
              "76"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "83"
      ],
      "favorite_count" : "0",
      "id_str" : "518038777885622327",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "518038777885622327",
      "created_at" : "Fri Oct 03 14:04:04 +0000 2014",
      "favorited" : false,
      "full_text" : "Redis Running Slowly? Here’s What You Can Do About it http://t.co/fucCUYjmgW #Redis",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "518025033151414326"
          ],
          "editableUntil" : "2014-10-03T13:39:27.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Docker",
            "indices" : [
              "80",
              "87"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "Jérôme Petazzoni",
            "screen_name" : "jpetazzo",
            "indices" : [
              "0",
              "9"
            ],
            "id_str" : "15160529",
            "id" : "15160529"
          }
        ],
        "urls" : [
          {
            "url" : "http://t.co/9CMEZAT1Qc",
            "expanded_url" : "https://docs.docker.com/articles/security/",
            "display_url" : "docs.docker.com/articles/s…",
            "indices" : [
              "57",
              "79"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "87"
      ],
      "favorite_count" : "3",
      "in_reply_to_status_id_str" : "518020754961334275",
      "id_str" : "518025033151414326",
      "in_reply_to_user_id" : "15160529",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "518025033151414326",
      "in_reply_to_status_id" : "518020754961334275",
      "created_at" : "Fri Oct 03 13:09:27 +0000 2014",
      "favorited" : false,
      "full_text" : "@jpetazzo merci ! Pour les curieux, c'est expliqué ici : http://t.co/9CMEZAT1Qc #Docker",
      "lang" : "fr",
      "in_reply_to_screen_name" : "jpetazzo",
      "in_reply_to_user_id_str" : "15160529"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "518011036758966325"
          ],
          "editableUntil" : "2014-10-03T12:43:50.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Chef",
            "indices" : [
              "46",
              "51"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/8tX7POv3PR",
            "expanded_url" : "https://www.getchef.com/blog/2014/10/01/chef-and-orchestration/",
            "display_url" : "getchef.com/blog/2014/10/0…",
            "indices" : [
              "23",
              "45"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "51"
      ],
      "favorite_count" : "1",
      "id_str" : "518011036758966325",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "518011036758966325",
      "created_at" : "Fri Oct 03 12:13:50 +0000 2014",
      "favorited" : false,
      "full_text" : "Chef and Orchestration http://t.co/8tX7POv3PR #Chef",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517997040366518324"
          ],
          "editableUntil" : "2014-10-03T11:48:13.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "107",
              "116"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/whn91WRvIC",
            "expanded_url" : "http://www.extremetech.com/extreme/154977-high-frequency-stock-traders-turn-to-laser-networks-to-make-more-money",
            "display_url" : "extremetech.com/extreme/15…",
            "indices" : [
              "84",
              "106"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "116"
      ],
      "favorite_count" : "4",
      "id_str" : "517997040366518324",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517997040366518324",
      "created_at" : "Fri Oct 03 11:18:13 +0000 2014",
      "favorited" : false,
      "full_text" : "Intéressant : More on High Frequency Trading and microwave towers... or even lasers http://t.co/whn91WRvIC #Security",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517983043974070323"
          ],
          "editableUntil" : "2014-10-03T10:52:36.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "DevOps",
            "indices" : [
              "38",
              "45"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/xklGHyX63I",
            "expanded_url" : "https://twitter.com/b0rk/status/517349856214708224",
            "display_url" : "twitter.com/b0rk/status/51…",
            "indices" : [
              "15",
              "37"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "45"
      ],
      "favorite_count" : "2",
      "id_str" : "517983043974070323",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517983043974070323",
      "created_at" : "Fri Oct 03 10:22:36 +0000 2014",
      "favorited" : false,
      "full_text" : "Tellement vrai http://t.co/xklGHyX63I #DevOps",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517969299239862322"
          ],
          "editableUntil" : "2014-10-03T09:57:59.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "68",
              "77"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/yAbVCLMCc2",
            "expanded_url" : "http://hackaday.io/project/956/log/10108-aes256-is-not-enough-breaking-a-bootloader",
            "display_url" : "hackaday.io/project/956/lo…",
            "indices" : [
              "45",
              "67"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "77"
      ],
      "favorite_count" : "0",
      "id_str" : "517969299239862322",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "517969299239862322",
      "created_at" : "Fri Oct 03 09:27:59 +0000 2014",
      "favorited" : false,
      "full_text" : "AES-256 Is Not Enough: Breaking a Bootloader http://t.co/yAbVCLMCc2 #Security",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517955051189174321"
          ],
          "editableUntil" : "2014-10-03T09:01:22.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "68",
              "77"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/A2j1IqJ2JS",
            "expanded_url" : "https://home.regit.org/2014/09/slides-of-my-nftables-talk-at-kernel-recipes/",
            "display_url" : "home.regit.org/2014/09/sli…",
            "indices" : [
              "45",
              "67"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "77"
      ],
      "favorite_count" : "3",
      "id_str" : "517955051189174321",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "517955051189174321",
      "created_at" : "Fri Oct 03 08:31:22 +0000 2014",
      "favorited" : false,
      "full_text" : "Slides of my nftables talk at Kernel Recipes http://t.co/A2j1IqJ2JS #Security",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517941306454966320"
          ],
          "editableUntil" : "2014-10-03T08:06:45.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "78",
              "87"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/YM7lhzZ4i9",
            "expanded_url" : "http://feedproxy.google.com/~r/KrebsOnSecurity/~3/kthNdgAMIyg/",
            "display_url" : "feedproxy.google.com/~r/Kr…",
            "indices" : [
              "55",
              "77"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "87"
      ],
      "favorite_count" : "1",
      "id_str" : "517941306454966320",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517941306454966320",
      "created_at" : "Fri Oct 03 07:36:45 +0000 2014",
      "favorited" : false,
      "full_text" : "À lire : We Take Your Privacy and Security. Seriously. http://t.co/YM7lhzZ4i9 #Security",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517927058404278319"
          ],
          "editableUntil" : "2014-10-03T07:10:08.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "101",
              "110"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/XYp4gZmkQL",
            "expanded_url" : "http://www.cyberciti.biz/open-source/howto-protect-linux-ssh-login-with-google-authenticator/",
            "display_url" : "cyberciti.biz/open-source/…",
            "indices" : [
              "78",
              "100"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "110"
      ],
      "favorite_count" : "4",
      "id_str" : "517927058404278319",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517927058404278319",
      "created_at" : "Fri Oct 03 06:40:08 +0000 2014",
      "favorited" : false,
      "full_text" : "Secure Your Linux Desktop and SSH Login Using Two Factor Google Authenticator http://t.co/XYp4gZmkQL #Security",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517701920748470318"
          ],
          "editableUntil" : "2014-10-02T16:15:31.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "89",
              "93"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "94",
              "105"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/7DzAK2n8L3",
            "expanded_url" : "http://blog.cloudflare.com/introducing-universal-ssl/",
            "display_url" : "blog.cloudflare.com/introd…",
            "indices" : [
              "66",
              "88"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "105"
      ],
      "favorite_count" : "2",
      "id_str" : "517701920748470318",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "517701920748470318",
      "created_at" : "Thu Oct 02 15:45:31 +0000 2014",
      "favorited" : false,
      "full_text" : "Universal SSL activé sur mes sites perso, rien à faire, ça marche http://t.co/7DzAK2n8L3 #SSL #CloudFlare",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517687924356022317"
          ],
          "editableUntil" : "2014-10-02T15:19:54.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Monitoring",
            "indices" : [
              "85",
              "96"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/owLJLRhv9u",
            "expanded_url" : "http://blog.pagerduty.com/2014/09/severity-levels-reduce-mttr/",
            "display_url" : "blog.pagerduty.com/2014/09…",
            "indices" : [
              "62",
              "84"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "96"
      ],
      "favorite_count" : "0",
      "id_str" : "517687924356022317",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "517687924356022317",
      "created_at" : "Thu Oct 02 14:49:54 +0000 2014",
      "favorited" : false,
      "full_text" : "Très clair : The Importance of Severity Levels to Reduce MTTR http://t.co/owLJLRhv9u #Monitoring",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517673927963574316"
          ],
          "editableUntil" : "2014-10-02T14:24:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Monitoring",
            "indices" : [
              "73",
              "84"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/D4tvBJgCQD",
            "expanded_url" : "http://blog.pagerduty.com/2014/09/monitoring-best-practices-it-outages/",
            "display_url" : "blog.pagerduty.com/2014/09…",
            "indices" : [
              "50",
              "72"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "84"
      ],
      "favorite_count" : "3",
      "id_str" : "517673927963574316",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517673927963574316",
      "created_at" : "Thu Oct 02 13:54:17 +0000 2014",
      "favorited" : false,
      "full_text" : "Monitoring Best Practices Learned from IT Outages http://t.co/D4tvBJgCQD #Monitoring",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517659931571126315"
          ],
          "editableUntil" : "2014-10-02T13:28:40.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Cassandra",
            "indices" : [
              "64",
              "74"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/dUAvv0E1J4",
            "expanded_url" : "http://planetcassandra.org/blog/using-the-cassandra-bulk-loader-updated/",
            "display_url" : "planetcassandra.org/blog/u…",
            "indices" : [
              "41",
              "63"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "74"
      ],
      "favorite_count" : "1",
      "id_str" : "517659931571126315",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517659931571126315",
      "created_at" : "Thu Oct 02 12:58:40 +0000 2014",
      "favorited" : false,
      "full_text" : "Using the Cassandra Bulk Loader, Updated http://t.co/dUAvv0E1J4 #Cassandra",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517645935178678314"
          ],
          "editableUntil" : "2014-10-02T12:33:03.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Architecture",
            "indices" : [
              "93",
              "106"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/tg5ZmRbOY7",
            "expanded_url" : "http://feedproxy.google.com/~r/HighScalability/~3/ZYY0iSmsVvQ/instagram-improved-their-apps-performance-heres-how.html",
            "display_url" : "feedproxy.google.com/~r/Hi…",
            "indices" : [
              "70",
              "92"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "106"
      ],
      "favorite_count" : "4",
      "id_str" : "517645935178678314",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "517645935178678314",
      "created_at" : "Thu Oct 02 12:03:03 +0000 2014",
      "favorited" : false,
      "full_text" : "Intéressant : Instagram Improved their App's Performance. Here's How. http://t.co/tg5ZmRbOY7 #Architecture",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517631938786230313"
          ],
          "editableUntil" : "2014-10-02T11:37:26.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "Florent Solt",
            "screen_name" : "florentsolt",
            "indices" : [
              "0",
              "12"
            ],
            "id_str" : "14287563",
            "id" : "14287563"
          }
        ],
        "urls" : [
          {
            "url" : "http://t.co/MmQtXa1nWc",
            "expanded_url" : "http://nginx.org/en/docs/http/ngx_http_proxy_module.html",
            "display_url" : "nginx.org/en/docs/http/ngx…",
            "indices" : [
              "84",
              "106"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "106"
      ],
      "favorite_count" : "2",
      "in_reply_to_status_id_str" : "517627660596150275",
      "id_str" : "517631938786230313",
      "in_reply_to_user_id" : "14287563",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "517631938786230313",
      "in_reply_to_status_id" : "517627660596150275",
      "created_at" : "Thu Oct 02 11:07:26 +0000 2014",
      "favorited" : false,
      "full_text" : "@florentsolt et avec proxy_no_cache + un map sur $upstream_response_time ? La doc : http://t.co/MmQtXa1nWc",
      "lang" : "fr",
      "in_reply_to_screen_name" : "florentsolt",
      "in_reply_to_user_id_str" : "14287563"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517618194052022312"
          ],
          "editableUntil" : "2014-10-02T10:42:49.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Architecture",
            "indices" : [
              "78",
              "91"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/jG1ouVTgG0",
            "expanded_url" : "http://blog.alteroot.org/articles/2014-10-01/nginx-cache-based-on-response-time.html",
            "display_url" : "blog.alteroot.org/articles…",
            "indices" : [
              "55",
              "77"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "91"
      ],
      "favorite_count" : "0",
      "id_str" : "517618194052022312",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517618194052022312",
      "created_at" : "Thu Oct 02 10:12:49 +0000 2014",
      "favorited" : false,
      "full_text" : "Nginx - create a cache based on upstream response time http://t.co/jG1ouVTgG0 #Architecture",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517603946001334311"
          ],
          "editableUntil" : "2014-10-02T09:46:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Architecture",
            "indices" : [
              "93",
              "106"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/0FtPrXIyqB",
            "expanded_url" : "http://www.fastly.com/blog/Hooman-Beheshti-at-Velocity-NYC-2014/",
            "display_url" : "fastly.com/blog/Hooman-Beh…",
            "indices" : [
              "70",
              "92"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "106"
      ],
      "favorite_count" : "3",
      "id_str" : "517603946001334311",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517603946001334311",
      "created_at" : "Thu Oct 02 09:16:12 +0000 2014",
      "favorited" : false,
      "full_text" : "Caching the Uncacheable - Hooman Beheshti's Talk at Velocity NYC 2014 http://t.co/0FtPrXIyqB #Architecture",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517590201267126310"
          ],
          "editableUntil" : "2014-10-02T08:51:35.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Architecture",
            "indices" : [
              "74",
              "87"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/bo5iBIYubL",
            "expanded_url" : "http://techblog.netflix.com/2014/10/a-state-of-xen-chaos-monkey-cassandra.html",
            "display_url" : "techblog.netflix.com/2014/…",
            "indices" : [
              "51",
              "73"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "87"
      ],
      "favorite_count" : "1",
      "id_str" : "517590201267126310",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "517590201267126310",
      "created_at" : "Thu Oct 02 08:21:35 +0000 2014",
      "favorited" : false,
      "full_text" : "À lire : A State of Xen - Chaos Monkey &amp; Cassandra http://t.co/bo5iBIYubL #Architecture",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517576456532918309"
          ],
          "editableUntil" : "2014-10-02T07:56:58.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "ElasticSearch",
            "indices" : [
              "58",
              "72"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/lYuQ3ldhZJ",
            "expanded_url" : "http://www.elasticsearch.org/blog/elasticsearch-1-4-0-beta-released/",
            "display_url" : "elasticsearch.org/blog/ela…",
            "indices" : [
              "35",
              "57"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "72"
      ],
      "favorite_count" : "4",
      "id_str" : "517576456532918309",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "517576456532918309",
      "created_at" : "Thu Oct 02 07:26:58 +0000 2014",
      "favorited" : false,
      "full_text" : "Elasticsearch 1.4.0.Beta1 released http://t.co/lYuQ3ldhZJ #ElasticSearch",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517562208482230308"
          ],
          "editableUntil" : "2014-10-02T07:00:21.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "ElasticSearch",
            "indices" : [
              "65",
              "79"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/1HZEtVb5GJ",
            "expanded_url" : "http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/",
            "display_url" : "elasticsearch.org/blog/ela…",
            "indices" : [
              "42",
              "64"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "79"
      ],
      "favorite_count" : "2",
      "id_str" : "517562208482230308",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517562208482230308",
      "created_at" : "Thu Oct 02 06:30:21 +0000 2014",
      "favorited" : false,
      "full_text" : "Très clair : Elasticsearch 1.3.3 released http://t.co/1HZEtVb5GJ #ElasticSearch",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517337070826422307"
          ],
          "editableUntil" : "2014-10-01T16:05:44.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "68",
              "74"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/Wgd0gyz0T4",
            "expanded_url" : "http://mysqlhighavailability.com/getting-started-with-mysql-group-replication/",
            "display_url" : "mysqlhighavailability.com/…",
            "indices" : [
              "45",
              "67"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "74"
      ],
      "favorite_count" : "0",
      "id_str" : "517337070826422307",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517337070826422307",
      "created_at" : "Wed Oct 01 15:35:44 +0000 2014",
      "favorited" : false,
      "full_text" : "Getting started with MySQL Group Replication http://t.co/Wgd0gyz0T4 #MySQL",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517322822775734306"
          ],
          "editableUntil" : "2014-10-01T15:09:07.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "62",
              "68"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/gC2W75I0Nh",
            "expanded_url" : "http://mysqlhighavailability.com/mysql-group-replication-hello-world/",
            "display_url" : "mysqlhighavailability.com/…",
            "indices" : [
              "39",
              "61"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "68"
      ],
      "favorite_count" : "3",
      "id_str" : "517322822775734306",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "517322822775734306",
      "created_at" : "Wed Oct 01 14:39:07 +0000 2014",
      "favorited" : false,
      "full_text" : "MySQL Group Replication : Hello World! http://t.co/gC2W75I0Nh #MySQL",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517309078041526305"
          ],
          "editableUntil" : "2014-10-01T14:14:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "90",
              "96"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/ti4FKMQxq6",
            "expanded_url" : "http://mysqlserverteam.com/optimizer-cost-model-improvements-in-mysql-5-7-5-dmr/",
            "display_url" : "mysqlserverteam.com/optimi…",
            "indices" : [
              "67",
              "89"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "96"
      ],
      "favorite_count" : "1",
      "id_str" : "517309078041526305",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "517309078041526305",
      "created_at" : "Wed Oct 01 13:44:30 +0000 2014",
      "favorited" : false,
      "full_text" : "Intéressant : Optimizer Cost Model Improvements in MySQL 5.7.5 DMR http://t.co/ti4FKMQxq6 #MySQL",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517295081649078304"
          ],
          "editableUntil" : "2014-10-01T13:18:53.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "90",
              "96"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/6N5JVeJahU",
            "expanded_url" : "http://dimitrik.free.fr/blog/archives/2014/09/indeed-mysql-57-rocks-oltp_ro-pointselects-8tables-benchmark.html",
            "display_url" : "dimitrik.free.fr/blog/arch…",
            "indices" : [
              "67",
              "89"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "96"
      ],
      "favorite_count" : "4",
      "id_str" : "517295081649078304",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517295081649078304",
      "created_at" : "Wed Oct 01 12:48:53 +0000 2014",
      "favorited" : false,
      "full_text" : "Indeed, MySQL 5.7 rocks : OLTP_RO Point-Selects 8-tables Benchmark http://t.co/6N5JVeJahU #MySQL",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517281085256630303"
          ],
          "editableUntil" : "2014-10-01T12:23:16.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "87",
              "93"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/LIwr7QWDWs",
            "expanded_url" : "http://www.percona.com/blog/2014/09/29/mysql-openstack-how-to-overcome-issues-as-your-dataset-grows/",
            "display_url" : "percona.com/blog/2014/09/2…",
            "indices" : [
              "64",
              "86"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "93"
      ],
      "favorite_count" : "2",
      "id_str" : "517281085256630303",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517281085256630303",
      "created_at" : "Wed Oct 01 11:53:16 +0000 2014",
      "favorited" : false,
      "full_text" : "MySQL &amp; OpenStack: How to overcome issues as your dataset grows http://t.co/LIwr7QWDWs #MySQL",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517267088864182302"
          ],
          "editableUntil" : "2014-10-01T11:27:39.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "71",
              "77"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/FXUzpFZ9Al",
            "expanded_url" : "http://mysqlserverteam.com/a-preview-on-lab-release-with-new-data-dictionary-in-mysql/",
            "display_url" : "mysqlserverteam.com/a-prev…",
            "indices" : [
              "48",
              "70"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "77"
      ],
      "favorite_count" : "0",
      "id_str" : "517267088864182302",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "517267088864182302",
      "created_at" : "Wed Oct 01 10:57:39 +0000 2014",
      "favorited" : false,
      "full_text" : "À lire : About the Data Dictionary Labs Release http://t.co/FXUzpFZ9Al #MySQL",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517253092471734301"
          ],
          "editableUntil" : "2014-10-01T10:32:02.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "55",
              "61"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/2aL2nWY8Ts",
            "expanded_url" : "http://mysqlserverteam.com/a-new-data-dictionary-for-mysql/",
            "display_url" : "mysqlserverteam.com/a-new-…",
            "indices" : [
              "32",
              "54"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "61"
      ],
      "favorite_count" : "3",
      "id_str" : "517253092471734301",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "517253092471734301",
      "created_at" : "Wed Oct 01 10:02:02 +0000 2014",
      "favorited" : false,
      "full_text" : "A New Data Dictionary for MySQL http://t.co/2aL2nWY8Ts #MySQL",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517239096079286300"
          ],
          "editableUntil" : "2014-10-01T09:36:25.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "62",
              "68"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/J9a2BVebnm",
            "expanded_url" : "http://mysqlserverteam.com/the-query-rewrite-plugins/",
            "display_url" : "mysqlserverteam.com/the-qu…",
            "indices" : [
              "39",
              "61"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "68"
      ],
      "favorite_count" : "1",
      "id_str" : "517239096079286300",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "517239096079286300",
      "created_at" : "Wed Oct 01 09:06:25 +0000 2014",
      "favorited" : false,
      "full_text" : "Très clair : The Query Rewrite Plugins http://t.co/J9a2BVebnm #MySQL",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517225351345078299"
          ],
          "editableUntil" : "2014-10-01T08:41:48.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "77",
              "83"
            ]
          },
          {
            "text" : "MariaDB",
            "indices" : [
              "84",
              "92"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/k2CwCB36z3",
            "expanded_url" : "https://mariadb.com/blog/enabling-gtids-server-replication-mariadb-100",
            "display_url" : "mariadb.com/blog/enabling-…",
            "indices" : [
              "54",
              "76"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "92"
      ],
      "favorite_count" : "4",
      "id_str" : "517225351345078299",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "517225351345078299",
      "created_at" : "Wed Oct 01 08:11:48 +0000 2014",
      "favorited" : false,
      "full_text" : "Enabling GTIDs for server replication in MariaDB 10.0 http://t.co/k2CwCB36z3 #MySQL #MariaDB",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517211103294390298"
          ],
          "editableUntil" : "2014-10-01T07:45:11.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "89",
              "95"
            ]
          },
          {
            "text" : "MariaDB",
            "indices" : [
              "96",
              "104"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/7u1dZhQqwW",
            "expanded_url" : "https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100",
            "display_url" : "mariadb.com/blog/high-avai…",
            "indices" : [
              "66",
              "88"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "104"
      ],
      "favorite_count" : "2",
      "id_str" : "517211103294390298",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "517211103294390298",
      "created_at" : "Wed Oct 01 07:15:11 +0000 2014",
      "favorited" : false,
      "full_text" : "High Availability with Multi Source Replication with MariaDB 10.0 http://t.co/7u1dZhQqwW #MySQL #MariaDB",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "517197358560182297"
          ],
          "editableUntil" : "2014-10-01T06:50:34.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "PHP",
            "indices" : [
              "65",
              "69"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/hu4U3V6209",
            "expanded_url" : "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/",
            "display_url" : "devedge.wordpress.com/2014…",
            "indices" : [
              "42",
              "64"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "69"
      ],
      "favorite_count" : "0",
      "id_str" : "517197358560182297",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "517197358560182297",
      "created_at" : "Wed Oct 01 06:20:34 +0000 2014",
      "favorited" : false,
      "full_text" : "Intéressant : Composer &amp; virtual packages http://t.co/hu4U3V6209 #PHP",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516971969246134296"
          ],
          "editableUntil" : "2014-09-30T15:54:57.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "89",
              "99"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/nm5ovM07AH",
            "expanded_url" : "http://static.googleusercontent.com/media/research.google.com/fr//pubs/archive/41335.pdf",
            "display_url" : "static.googleusercontent.c…",
            "indices" : [
              "66",
              "88"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "99"
      ],
      "favorite_count" : "3",
      "id_str" : "516971969246134296",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "516971969246134296",
      "created_at" : "Tue Sep 30 15:24:57 +0000 2014",
      "favorited" : false,
      "full_text" : "Predicting the Present with Bayesian Structural Time Series (PDF) http://t.co/nm5ovM07AH #Analytics",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516957972853686295"
          ],
          "editableUntil" : "2014-09-30T14:59:20.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "79",
              "89"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/tOpdgHYd10",
            "expanded_url" : "http://blog.octo.com/en/get-an-instant-access-to-up-to-date-metrics-at-low-cost/",
            "display_url" : "blog.octo.com/en/get-an-in…",
            "indices" : [
              "56",
              "78"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "89"
      ],
      "favorite_count" : "1",
      "id_str" : "516957972853686295",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "516957972853686295",
      "created_at" : "Tue Sep 30 14:29:20 +0000 2014",
      "favorited" : false,
      "full_text" : "Get an instant access to up-to-date metrics at low cost http://t.co/tOpdgHYd10 #Analytics",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516943976461238294"
          ],
          "editableUntil" : "2014-09-30T14:03:43.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "80",
              "90"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/211u0ZlygI",
            "expanded_url" : "http://engineering.linkedin.com/analytics/real-time-analytics-massive-scale-pinot",
            "display_url" : "engineering.linkedin.com/a…",
            "indices" : [
              "57",
              "79"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "90"
      ],
      "favorite_count" : "4",
      "id_str" : "516943976461238294",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "516943976461238294",
      "created_at" : "Tue Sep 30 13:33:43 +0000 2014",
      "favorited" : false,
      "full_text" : "À lire : Real-time Analytics at Massive Scale with Pinot http://t.co/211u0ZlygI #Analytics",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516929980068790293"
          ],
          "editableUntil" : "2014-09-30T13:08:06.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "72",
              "82"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/LFWo0HzGn8",
            "expanded_url" : "http://blog.pagerduty.com/2014/09/a-deep-dive-into-how-we-built-advanced-analytics/",
            "display_url" : "blog.pagerduty.com/2014/09…",
            "indices" : [
              "49",
              "71"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "82"
      ],
      "favorite_count" : "2",
      "id_str" : "516929980068790293",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "516929980068790293",
      "created_at" : "Tue Sep 30 12:38:06 +0000 2014",
      "favorited" : false,
      "full_text" : "A deep dive into how we built Advanced Analytics http://t.co/LFWo0HzGn8 #Analytics",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516916235334582292"
          ],
          "editableUntil" : "2014-09-30T12:13:29.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "89",
              "99"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/C8SYkO0xuC",
            "expanded_url" : "http://www.datasciencecentral.com/xn/detail/6448529:BlogPost:208269",
            "display_url" : "datasciencecentral.com/xn/…",
            "indices" : [
              "66",
              "88"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "99"
      ],
      "favorite_count" : "0",
      "id_str" : "516916235334582292",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "516916235334582292",
      "created_at" : "Tue Sep 30 11:43:29 +0000 2014",
      "favorited" : false,
      "full_text" : "Très clair : How Tracking Analytics Can Improve Content Marketing http://t.co/C8SYkO0xuC #Analytics",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516902238942134291"
          ],
          "editableUntil" : "2014-09-30T11:17:52.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "52",
              "62"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/vzByjviH0L",
            "expanded_url" : "http://www.datasciencecentral.com/xn/detail/6448529:BlogPost:209379",
            "display_url" : "datasciencecentral.com/xn/…",
            "indices" : [
              "29",
              "51"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "62"
      ],
      "favorite_count" : "3",
      "id_str" : "516902238942134291",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "516902238942134291",
      "created_at" : "Tue Sep 30 10:47:52 +0000 2014",
      "favorited" : false,
      "full_text" : "Elements of machine learning http://t.co/vzByjviH0L #Analytics",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516888242549686290"
          ],
          "editableUntil" : "2014-09-30T10:22:15.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "70",
              "80"
            ]
          },
          {
            "text" : "Spark",
            "indices" : [
              "81",
              "87"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/vEY8Nyss3P",
            "expanded_url" : "http://datasciencehacks.wordpress.com/2014/09/28/setting-up-apache-spark-part-ii/",
            "display_url" : "datasciencehacks.wordpress…",
            "indices" : [
              "47",
              "69"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "87"
      ],
      "favorite_count" : "1",
      "in_reply_to_status_id_str" : "516874246157238289",
      "id_str" : "516888242549686290",
      "in_reply_to_user_id" : "2244776688",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "516888242549686290",
      "in_reply_to_status_id" : "516874246157238289",
      "created_at" : "Tue Sep 30 09:52:15 +0000 2014",
      "favorited" : false,
      "full_text" : "Et la suite : Setting up Apache Spark: Part II http://t.co/vEY8Nyss3P #Analytics #Spark",
      "lang" : "fr",
      "in_reply_to_screen_name" : "moisson_demo",
      "in_reply_to_user_id_str" : "2244776688"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516874246157238289"
          ],
          "editableUntil" : "2014-09-30T09:26:38.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "102",
              "112"
            ]
          },
          {
            "text" : "Spark",
            "indices" : [
              "113",
              "119"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/a0EfBmDnGV",
            "expanded_url" : "http://datasciencehacks.wordpress.com/2014/09/26/setting-up-apache-spark-quick-look-at-the-hadoop-scala-and-sbt/",
            "display_url" : "datasciencehacks.wordpress…",
            "indices" : [
              "79",
              "101"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "119"
      ],
      "favorite_count" : "4",
      "id_str" : "516874246157238289",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "516874246157238289",
      "created_at" : "Tue Sep 30 08:56:38 +0000 2014",
      "favorited" : false,
      "full_text" : "Intéressant : Setting up Apache Spark: quick look at the Hadoop, Scala and SBT http://t.co/a0EfBmDnGV #Analytics #Spark",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516860249764790288"
          ],
          "editableUntil" : "2014-09-30T08:31:01.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "82",
              "92"
            ]
          },
          {
            "text" : "Spark",
            "indices" : [
              "93",
              "99"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/73sg0Cdyho",
            "expanded_url" : "http://datasciencehacks.wordpress.com/2014/09/12/apache-spark-data-processing-engine-for-cluster-computing/",
            "display_url" : "datasciencehacks.wordpress…",
            "indices" : [
              "59",
              "81"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "99"
      ],
      "favorite_count" : "2",
      "id_str" : "516860249764790288",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "516860249764790288",
      "created_at" : "Tue Sep 30 08:01:01 +0000 2014",
      "favorited" : false,
      "full_text" : "Apache Spark: data processing engine for cluster computing http://t.co/73sg0Cdyho #Analytics #Spark",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516846253372342287"
          ],
          "editableUntil" : "2014-09-30T07:35:24.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "84",
              "94"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/pgECO6sJXS",
            "expanded_url" : "http://www.datasciencecentral.com/xn/detail/6448529:BlogPost:208998",
            "display_url" : "datasciencecentral.com/xn/…",
            "indices" : [
              "61",
              "83"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "94"
      ],
      "favorite_count" : "0",
      "id_str" : "516846253372342287",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "516846253372342287",
      "created_at" : "Tue Sep 30 07:05:24 +0000 2014",
      "favorited" : false,
      "full_text" : "Apache Spark: distributed data processing faster than Hadoop http://t.co/pgECO6sJXS #Analytics",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516832508638134286"
          ],
          "editableUntil" : "2014-09-30T06:40:47.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "68",
              "78"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/ybmbACxc4H",
            "expanded_url" : "http://blog.pagerduty.com/2014/10/how-to-create-a-data-driven-culture/?utm_source=rss&utm_medium=rss&utm_campaign=how-to-create-a-data-driven-culture",
            "display_url" : "blog.pagerduty.com/2014/10…",
            "indices" : [
              "45",
              "67"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "78"
      ],
      "favorite_count" : "3",
      "id_str" : "516832508638134286",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "516832508638134286",
      "created_at" : "Tue Sep 30 06:10:47 +0000 2014",
      "favorited" : false,
      "full_text" : "À lire : How to Create a Data-driven Culture http://t.co/ybmbACxc4H #Analytics",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516606867665846285"
          ],
          "editableUntil" : "2014-09-29T15:44:10.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Analytics",
            "indices" : [
              "37",
              "47"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/3Klh6GW1K9",
            "expanded_url" : "http://dev.theladders.com/2014/10/speeding-up-r/",
            "display_url" : "dev.theladders.com/2014/10…",
            "indices" : [
              "14",
              "36"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "47"
      ],
      "favorite_count" : "1",
      "id_str" : "516606867665846285",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "516606867665846285",
      "created_at" : "Mon Sep 29 15:14:10 +0000 2014",
      "favorited" : false,
      "full_text" : "Speeding Up R http://t.co/3Klh6GW1K9 #Analytics",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516593122931638284"
          ],
          "editableUntil" : "2014-09-29T14:49:33.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Agile",
            "indices" : [
              "45",
              "51"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [],
        "media" : [
          {
            "expanded_url" : "https://twitter.com/moisson_demo/status/516593122931638284/photo/1",
            "indices" : [
              "52",
              "74"
            ],
            "url" : "http://t.co/Rjstm18U1t",
            "media_url" : "http://pbs.twimg.com/media/ByxqR2hIIAAd9Xk.jpg",
            "id_str" : "516592871273398273",
            "id" : "516592871273398273",
            "media_url_https" : "https://pbs.twimg.com/media/ByxqR2hIIAAd9Xk.jpg",
            "sizes" : {
              "large" : {
                "h" : "768",
                "resize" : "fit",
                "w" : "1024"
              },
              "thumb" : {
                "h" : "150",
                "resize" : "crop",
                "w" : "150"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/Rjstm18U1t"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "74"
      ],
      "favorite_count" : "4",
      "id_str" : "516593122931638284",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "516593122931638284",
      "created_at" : "Mon Sep 29 14:19:33 +0000 2014",
      "favorited" : false,
      "full_text" : "Le mur de post-it après la rétro de ce matin #Agile http://t.co/Rjstm18U1t",
      "lang" : "fr",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://twitter.com/moisson_demo/status/516593122931638284/photo/1",
            "indices" : [
              "52",
              "74"
            ],
            "url" : "http://t.co/Rjstm18U1t",
            "media_url" : "http://pbs.twimg.com/media/ByxqR2hIIAAd9Xk.jpg",
            "id_str" : "516592871273398273",
            "id" : "516592871273398273",
            "media_url_https" : "https://pbs.twimg.com/media/ByxqR2hIIAAd9Xk.jpg",
            "sizes" : {
              "large" : {
                "h" : "768",
                "resize" : "fit",
                "w" : "1024"
              },
              "thumb" : {
                "h" : "150",
                "resize" : "crop",
                "w" : "150"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/Rjstm18U1t"
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516579126539190283"
          ],
          "editableUntil" : "2014-09-29T13:53:56.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "78",
              "82"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "83",
              "94"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/oOyTfeMRI3",
            "expanded_url" : "http://blog.cloudflare.com/universal-ssl-be-just-a-bit-more-patient/",
            "display_url" : "blog.cloudflare.com/univer…",
            "indices" : [
              "55",
              "77"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "94"
      ],
      "favorite_count" : "2",
      "id_str" : "516579126539190283",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "516579126539190283",
      "created_at" : "Mon Sep 29 13:23:56 +0000 2014",
      "favorited" : false,
      "full_text" : "Très clair : Universal SSL: Be just a bit more patient http://t.co/oOyTfeMRI3 #SSL #CloudFlare",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516565130146742282"
          ],
          "editableUntil" : "2014-09-29T12:58:19.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "76",
              "80"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "81",
              "92"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/043F6FDxo1",
            "expanded_url" : "http://blog.cloudflare.com/origin-server-connection-security-with-universal-ssl/",
            "display_url" : "blog.cloudflare.com/origin…",
            "indices" : [
              "53",
              "75"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "92"
      ],
      "favorite_count" : "0",
      "id_str" : "516565130146742282",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "516565130146742282",
      "created_at" : "Mon Sep 29 12:28:19 +0000 2014",
      "favorited" : false,
      "full_text" : "Origin Server Connection Security with Universal SSL http://t.co/043F6FDxo1 #SSL #CloudFlare",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516551133754294281"
          ],
          "editableUntil" : "2014-09-29T12:02:42.000Z",
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
              "52",
              "56"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "57",
              "68"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/nvcRJoO0g2",
            "expanded_url" : "http://blog.cloudflare.com/universal-ssl-how-it-scales/",
            "display_url" : "blog.cloudflare.com/univer…",
            "indices" : [
              "29",
              "51"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "68"
      ],
      "favorite_count" : "3",
      "id_str" : "516551133754294281",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "516551133754294281",
      "created_at" : "Mon Sep 29 11:32:42 +0000 2014",
      "favorited" : false,
      "full_text" : "Universal SSL: How It Scales http://t.co/nvcRJoO0g2 #SSL #CloudFlare",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516537137361846280"
          ],
          "editableUntil" : "2014-09-29T11:07:05.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "136",
              "140"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [
          {
            "name" : "CloudFlare",
            "screen_name" : "CloudFlare",
            "indices" : [
              "3",
              "14"
            ],
            "id_str" : "32373708",
            "id" : "32373708"
          }
        ],
        "urls" : [
          {
            "url" : "http://t.co/ShR8L3371t",
            "expanded_url" : "http://blog.cloudflare.com/introducing-universal-ssl/",
            "display_url" : "blog.cloudflare.com/introd…",
            "indices" : [
              "113",
              "135"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "140"
      ],
      "favorite_count" : "0",
      "id_str" : "516537137361846280",
      "truncated" : false,
      "retweet_count" : "57",
      "id" : "516537137361846280",
      "created_at" : "Mon Sep 29 10:37:05 +0000 2014",
      "favorited" : false,
      "full_text" : "RT @CloudFlare: Introducing Universal SSL: free SSL for every CloudFlare site, including the 2 million on our f… http://t.co/ShR8L3371t #SSL",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516523140969398279"
          ],
          "editableUntil" : "2014-09-29T10:11:28.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "63",
              "67"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "68",
              "79"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/y4ae1A3x3u",
            "expanded_url" : "http://blog.cloudflare.com/introducing-universal-ssl/",
            "display_url" : "blog.cloudflare.com/introd…",
            "indices" : [
              "40",
              "62"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "79"
      ],
      "favorite_count" : "4",
      "id_str" : "516523140969398279",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "516523140969398279",
      "created_at" : "Mon Sep 29 09:41:28 +0000 2014",
      "favorited" : false,
      "full_text" : "Intéressant : Introducing Universal SSL http://t.co/y4ae1A3x3u #SSL #CloudFlare",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516509396235190278"
          ],
          "editableUntil" : "2014-09-29T09:16:51.000Z",
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
              "124",
              "128"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "129",
              "140"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/tPx0y6svYq",
            "expanded_url" : "http://blog.cloudflare.com/announcing-keyless-ssl-all-the-benefits-of-cloudflare-without-having-to-turn-over-your-private-ssl-keys/",
            "display_url" : "blog.cloudflare.com/announ…",
            "indices" : [
              "101",
              "123"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "140"
      ],
      "favorite_count" : "2",
      "id_str" : "516509396235190278",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "516509396235190278",
      "created_at" : "Mon Sep 29 08:46:51 +0000 2014",
      "favorited" : false,
      "full_text" : "Announcing Keyless SSL™: All the Benefits of CloudFlare Without Having to Turn Over Your Private SS… http://t.co/tPx0y6svYq #SSL #CloudFlare",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516495148184502277"
          ],
          "editableUntil" : "2014-09-29T08:20:14.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "71",
              "75"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "76",
              "87"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/HiBVrAHx0l",
            "expanded_url" : "http://blog.cloudflare.com/keyless-ssl-the-nitty-gritty-technical-details/",
            "display_url" : "blog.cloudflare.com/keyles…",
            "indices" : [
              "48",
              "70"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "87"
      ],
      "favorite_count" : "0",
      "id_str" : "516495148184502277",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "516495148184502277",
      "created_at" : "Mon Sep 29 07:50:14 +0000 2014",
      "favorited" : false,
      "full_text" : "Keyless SSL: The Nitty Gritty Technical Details http://t.co/HiBVrAHx0l #SSL #CloudFlare",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516481403450294276"
          ],
          "editableUntil" : "2014-09-29T07:25:37.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "SSL",
            "indices" : [
              "93",
              "97"
            ]
          },
          {
            "text" : "CloudFlare",
            "indices" : [
              "98",
              "109"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/HILHWRnIOu",
            "expanded_url" : "http://blog.cloudflare.com/one-more-thing-keyless-ssl-and-cloudflares-growing-network/",
            "display_url" : "blog.cloudflare.com/one-mo…",
            "indices" : [
              "70",
              "92"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "109"
      ],
      "favorite_count" : "3",
      "id_str" : "516481403450294276",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "516481403450294276",
      "created_at" : "Mon Sep 29 06:55:37 +0000 2014",
      "favorited" : false,
      "full_text" : "À lire : One More Thing: Keyless SSL and CloudFlare's Growing Network http://t.co/HILHWRnIOu #SSL #CloudFlare",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "516467407057846275"
          ],
          "editableUntil" : "2014-09-29T06:30:00.000Z",
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
              "63",
              "67"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/gr9MtPEjG0",
            "expanded_url" : "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know",
            "display_url" : "community.qualys.com/blogs…",
            "indices" : [
              "40",
              "62"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "67"
      ],
      "favorite_count" : "1",
      "id_str" : "516467407057846275",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "516467407057846275",
      "created_at" : "Mon Sep 29 06:00:00 +0000 2014",
      "favorited" : false,
      "full_text" : "SHA1 Deprecation: What You Need to Know http://t.co/gr9MtPEjG0 #SSL",
      "lang" : "fr"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "515531112575926274"
          ],
          "editableUntil" : "2014-09-26T16:29:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://bufferapp.com\" rel=\"nofollow\">Buffer</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "MySQL",
            "indices" : [
              "60",
              "66"
            ]
          },
          {
            "text" : "AWS",
            "indices" : [
              "67",
              "71"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/mW0l77nhP6",
            "expanded_url" : "http://www.percona.com/blog/2014/09/26/using-mysql-triggers-and-views-in-amazon-rds/",
            "display_url" : "percona.com/blog/2014/09/2…",
            "indices" : [
              "37",
              "59"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "71"
      ],
      "favorite_count" : "4",
      "id_str" : "515531112575926274",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "515531112575926274",
      "created_at" : "Fri Sep 26 15:59:30 +0000 2014",
      "favorited" : false,
      "full_text" : "Triggers &amp; vues MySQL sur Amazon RDS http://t.co/mW0l77nhP6 #MySQL #AWS",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "515435738297270273"
          ],
          "editableUntil" : "2014-09-26T10:10:31.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://about.twitter.com/products/tweetdeck\" rel=\"nofollow\">TweetDeck</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "81",
              "90"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/Pro3CsQzZ2",
            "expanded_url" : "http://www.troyhunt.com/2014/09/everything-you-need-to-know-about.html",
            "display_url" : "troyhunt.com/2014/09/every…",
            "indices" : [
              "58",
              "80"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "90"
      ],
      "favorite_count" : "2",
      "id_str" : "515435738297270273",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "515435738297270273",
      "created_at" : "Fri Sep 26 09:40:31 +0000 2014",
      "favorited" : false,
      "full_text" : "Everything you need to know about the Shellshock Bash bug http://t.co/Pro3CsQzZ2 #Security",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "515036004348854272"
          ],
          "editableUntil" : "2014-09-25T07:42:07.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "Security",
            "indices" : [
              "66",
              "75"
            ]
          },
          {
            "text" : "bash",
            "indices" : [
              "76",
              "81"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/QQqg4O1NU4",
            "expanded_url" : "https://securityblog.redhat.com/2014/09/24/bash-specially-crafted-environment-variables-code-injection-attack/",
            "display_url" : "securityblog.redhat.com/20…",
            "indices" : [
              "43",
              "65"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "81"
      ],
      "favorite_count" : "0",
      "id_str" : "515036004348854272",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "515036004348854272",
      "created_at" : "Thu Sep 25 07:12:07 +0000 2014",
      "favorited" : false,
      "full_text" : "Shellshock : mettez bash à jour, vraiment. http://t.co/QQqg4O1NU4 #Security #bash",
      "lang" : "fr"
    }
  }
]
