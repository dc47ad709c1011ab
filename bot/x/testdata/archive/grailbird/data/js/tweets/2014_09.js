Grailbird.data.tweets_2014_09 = 
 [ {
  "source" : "web",
  "entities" : {
    "user_mentions" : [ ],
    "media" : [ ],
    "hashtags" : [ ],
    "urls" : [ ]
  },
  "geo" : { },
  "id_str" : "516500000000000000",
  "text" : "Worth a read (http:\/\/en.wikipedia.org\/wiki\/Transport_Layer_Security_(TLS)). #SSL #TLS",
  "id" : 516500000000000000,
  "created_at" : "Mon Sep 29 08:00:00 +0000 2014",
  "user" : {
    "name" : "Moissonneur",
    "screen_name" : "moissonneur",
    "protected" : false,
    "id_str" : "1234567890",
    "id" : 1234567890,
    "verified" : false
  }
}, {
  "source" : "web",
  "entities" : {
    "user_mentions" : [ ],
    "media" : [ ],
    "hashtags" : [ {
      "text" : "crypto",
      "indices" : [ 33, 40 ]
    } ],
    "urls" : [ {
      "indices" : [ 10, 32 ],
      "url" : "http:\/\/t.co\/sha1dep",
      "expanded_url" : "https:\/\/community.qualys.com\/blogs\/securitylabs\/2014\/09\/09\/sha1-deprecation-what-you-need-to-know",
      "display_url" : "community.qualys.com\/blogs\/securit\u2026"
    } ]
  },
  "geo" : { },
  "id_str" : "516400000000000000",
  "text" : "SHA1 out: http:\/\/t.co\/sha1dep #crypto",
  "id" : 516400000000000000,
  "created_at" : "2014-09-28 21:15:00 +0000",
  "user" : {
    "name" : "Moissonneur",
    "screen_name" : "moissonneur",
    "protected" : false,
    "id_str" : "1234567890",
    "id" : 1234567890,
    "verified" : false
  }
} ]
