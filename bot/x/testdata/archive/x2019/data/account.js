window.YTD.account.part0 = [ {
  "account" : {
    "email" : "moissonneur@example.org",
    "createdVia" : "web",
    "username" : "Moissonneur",
    "createdAt" : "2009-03-14T10:21:05.000Z",
    "accountDisplayName" : "Moissonneur"
  }
} ]
