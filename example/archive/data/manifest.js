window.__THAR_CONFIG = {
  "archiveInfo" : {
    "generationDate" : "2024-03-02T10:15:40.000Z",
    "isPartialArchive" : false,
    "maxPartSizeBytes" : "53687091200",
    "sizeBytes" : "48213"
  },
  "dataTypes" : {
    "account" : {
      "files" : [
        {
          "count" : "1",
          "fileName" : "data/account.js",
          "globalName" : "YTD.account.part0"
        }
      ]
    },
    "tweets" : {
      "files" : [
        {
          "count" : "59",
          "fileName" : "data/tweets.js",
          "globalName" : "YTD.tweets.part0"
        }
      ],
      "mediaDirectory" : "data/tweets_media"
    }
  },
  "readmeInfo" : {
    "directory" : "data/",
    "fileName" : "data/README.txt",
    "name" : "README.txt"
  },
  "userInfo" : {
    "accountId" : "2244776688",
    "displayName" : "Moisson (démo)",
    "userName" : "moisson_demo"
  }
}
