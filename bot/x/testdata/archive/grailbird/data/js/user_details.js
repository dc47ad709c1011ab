var user_details =  {
  "screen_name" : "moissonneur",
  "location" : "Lyon",
  "full_name" : "Moissonneur",
  "bio" : "Veille, liens, moisson.",
  "id" : "1234567890",
  "created_at" : "2009-03-14 10:21:05 +0000"
}
