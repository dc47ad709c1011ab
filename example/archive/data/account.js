window.YTD.account.part0 = [
  {
    "account" : {
      "accountDisplayName" : "Moisson (démo)",
      "accountId" : "2244776688",
      "createdAt" : "2010-11-22T08:41:19.000Z",
      "createdVia" : "web",
      "email" : "moisson@example.org",
      "username" : "moisson_demo"
    }
  }
]
