window.YTD.account.part0 = [ {
  "account" : {
    "email" : "moissonneur@example.org",
    "createdVia" : "web",
    "username" : "moissonneur",
    "accountId" : "1234567890",
    "createdAt" : "2009-03-14T10:21:05.000Z",
    "accountDisplayName" : "Moissonneur"
  }
} ]
