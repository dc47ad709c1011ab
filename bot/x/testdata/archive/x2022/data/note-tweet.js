window.YTD.note_tweet.part0 = [
  {
    "noteTweet" : {
      "noteTweetId" : "1775209999876543210",
      "updatedAt" : "2024-04-02T16:25:47.000Z",
      "lifecycle" : {
        "value" : "1",
        "name" : "Published",
        "originalName" : "Published",
        "annotations" : { }
      },
      "createdAt" : "2024-04-02T16:25:47.000Z",
      "core" : {
        "styletags" : [ ],
        "urls" : [
          {
            "shortUrl" : "https://t.co/tls3v3ry",
            "expandedUrl" : "https://blog.cloudflare.com/universal-ssl-how-it-scales/",
            "displayUrl" : "blog.cloudflare.com/universal-ssl…"
          }
        ],
        "text" : "A long post about deploying TLS everywhere, which goes on and on about certificates &amp; keys, well past the 280 characters a post used to hold, so that the archive keeps only its beginning in tweets.js and the whole of it here, with a link at the very end: https://t.co/tls3v3ry #TLS",
        "mentions" : [ ],
        "cashtags" : [ ],
        "hashtags" : [
          {
            "text" : "TLS",
            "fromIndex" : "281",
            "toIndex" : "285"
          }
        ]
      }
    }
  }
]
