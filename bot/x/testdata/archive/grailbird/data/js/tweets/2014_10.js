Grailbird.data.tweets_2014_10 = 
 [ {
  "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
  "entities" : {
    "user_mentions" : [ {
      "name" : "Moissonneur",
      "screen_name" : "moissonneur",
      "indices" : [ 0, 12 ],
      "id_str" : "1234567890",
      "id" : 1234567890
    } ],
    "media" : [ ],
    "hashtags" : [ ],
    "urls" : [ ]
  },
  "in_reply_to_status_id_str" : "517300000000000000",
  "geo" : { },
  "id_str" : "517400000000000000",
  "in_reply_to_user_id" : 1234567890,
  "text" : "@moissonneur PS: the slides are at http:\/\/example.com\/slides?a=1&amp;b=2.",
  "id" : 517400000000000000,
  "in_reply_to_status_id" : 517300000000000000,
  "created_at" : "2014-10-01 18:00:00 +0000",
  "in_reply_to_screen_name" : "moissonneur",
  "in_reply_to_user_id_str" : "1234567890",
  "user" : {
    "name" : "Moissonneur",
    "screen_name" : "moissonneur",
    "protected" : false,
    "id_str" : "1234567890",
    "profile_image_url_https" : "https:\/\/pbs.twimg.com\/profile_images\/1\/avatar_normal.png",
    "id" : 1234567890,
    "verified" : false
  }
}, {
  "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
  "entities" : {
    "user_mentions" : [ ],
    "media" : [ ],
    "hashtags" : [ ],
    "urls" : [ {
      "indices" : [ 24, 46 ],
      "url" : "http:\/\/t.co\/r3ply0ld",
      "expanded_url" : "http:\/\/example.net\/counterpoint",
      "display_url" : "example.net\/counterpoint"
    } ]
  },
  "in_reply_to_status_id_str" : "517000000000000000",
  "geo" : { },
  "id_str" : "517450000000000000",
  "in_reply_to_user_id" : 32499999,
  "text" : "@Cloudflare but see http:\/\/t.co\/r3ply0ld",
  "id" : 517450000000000000,
  "in_reply_to_status_id" : 517000000000000000,
  "created_at" : "2014-10-01 19:00:00 +0000",
  "in_reply_to_screen_name" : "Cloudflare",
  "in_reply_to_user_id_str" : "32499999",
  "user" : {
    "name" : "Moissonneur",
    "screen_name" : "moissonneur",
    "protected" : false,
    "id_str" : "1234567890",
    "id" : 1234567890,
    "verified" : false
  }
}, {
  "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
  "entities" : {
    "user_mentions" : [ {
      "name" : "Cloudflare",
      "screen_name" : "Cloudflare",
      "indices" : [ 3, 14 ],
      "id_str" : "32499999",
      "id" : 32499999
    } ],
    "media" : [ ],
    "hashtags" : [ ],
    "urls" : [ {
      "indices" : [ 42, 64 ],
      "url" : "http:\/\/t.co\/AbCdEf123",
      "expanded_url" : "http:\/\/blog.cloudflare.com\/introducing-universal-ssl\/",
      "display_url" : "blog.cloudflare.com\/introducing-un\u2026"
    } ]
  },
  "geo" : { },
  "id_str" : "517000500000000000",
  "text" : "RT @Cloudflare: Introducing Universal SSL http:\/\/t.co\/AbCdEf123 HTTPS for every site, free, starting today, from the team that brings\u2026",
  "id" : 517000500000000000,
  "created_at" : "2014-09-29 14:00:00 +0000",
  "retweeted_status" : {
    "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
    "entities" : {
      "user_mentions" : [ ],
      "media" : [ ],
      "hashtags" : [ {
        "text" : "SSL",
        "indices" : [ 124, 128 ]
      } ],
      "urls" : [ {
        "indices" : [ 26, 48 ],
        "url" : "http:\/\/t.co\/AbCdEf123",
        "expanded_url" : "http:\/\/blog.cloudflare.com\/introducing-universal-ssl\/",
        "display_url" : "blog.cloudflare.com\/introducing-un\u2026"
      } ]
    },
    "geo" : { },
    "id_str" : "517000000000000000",
    "text" : "Introducing Universal SSL http:\/\/t.co\/AbCdEf123 HTTPS for every site, free, starting today, from the team that brings you &lt;3 #SSL",
    "id" : 517000000000000000,
    "created_at" : "2014-09-29 13:00:00 +0000",
    "user" : {
      "name" : "Cloudflare",
      "screen_name" : "Cloudflare",
      "protected" : false,
      "id_str" : "32499999",
      "id" : 32499999,
      "verified" : true
    }
  },
  "user" : {
    "name" : "Moissonneur",
    "screen_name" : "moissonneur",
    "protected" : false,
    "id_str" : "1234567890",
    "id" : 1234567890,
    "verified" : false
  }
} ]
