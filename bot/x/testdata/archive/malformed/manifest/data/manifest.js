window.__THAR_CONFIG = {
  "userInfo" : { "accountId" : "1234567890", "userName" : "moissonneur" },
  "dataTypes" : {
    "tweets" : {
      "files" : [
        { "fileName" : "data/tweets.js", "globalName" : "YTD.tweets.part0", "count" : "1" },
        { "fileName" : "data/tweets-part1.js", "globalName" : "YTD.tweets.part1", "count" : "1" }
      ]
    }
  }
}
