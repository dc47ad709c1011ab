var tweet_index =  [ {
  "file_name" : "data/js/tweets/2014_10.js",
  "year" : 2014,
  "var_name" : "tweets_2014_10",
  "tweet_count" : 3,
  "month" : 10
}, {
  "file_name" : "data/js/tweets/2014_09.js",
  "year" : 2014,
  "var_name" : "tweets_2014_09",
  "tweet_count" : 2,
  "month" : 9
} ]
