package main

// site describes how one of the example pages is dressed: which shape of
// page it is built with and the article text that follows the lead.
//
// Title, lead and section of the 47 reference links come from
// testdata/reference.md; the pages that are not in the reference week
// (extras) carry their own.
type site struct {
	// URL is the link as shared in the post.
	URL string
	// Final is where URL redirects to (301), when it does.
	Final string
	// Shape is the kind of page: wordpress, blogger, ghost, medium, news,
	// forum, docs, drupal, ning, squarespace, jekyll, corporate, oldschool,
	// pdf.
	Shape string
	// Name is the site's name, as it shows in its header.
	Name   string
	Author string
	// Date is the publication date, YYYY-MM-DD.
	Date string
	// Charset is the page's encoding when not UTF-8: "iso-8859-1" (declared
	// by a meta tag only) or "windows-1252" (declared by the header only).
	Charset string
	// Break is the block that closes the lead: a sub-heading, a figure, a
	// code block; it is written as HTML.
	Break string
	// More is the article text after Break, one paragraph each.
	More []string
	// Mark adds inline markup to the lead: each key, a phrase of the lead,
	// is replaced by the HTML value (which must read the same as text).
	Mark map[string]string
	// Title, Lead and Section are set only for extras.
	Title   string
	Lead    []string
	Section string
	Lang    string
}

// sites lists one entry for each link of the reference post, in the
// reference's order, then the extras.
var sites = []site{
	// SSL
	{
		URL: "https://community.qualys.com/blogs/securitylabs/2014/09/09/sha1-deprecation-what-you-need-to-know", Shape: "forum",
		Name: "Qualys Community", Author: "Ivan Ristic", Date: "2014-09-09",
		Mark:  map[string]string{"SSL Pulse": `<a href="https://www.trustworthyinternet.org/ssl-pulse/">SSL Pulse</a>`},
		Break: `<h2>What should you do?</h2>`,
		More: []string{
			"If you are running a public web site with a certificate that expires in 2016 or later, you should plan to replace it with one signed using SHA256 as soon as possible. Most certificate authorities will reissue a certificate for free, so the cost is mostly the time spent installing it.",
			"Be careful with intermediate certificates: the whole chain matters, not just the leaf. Our SSL Server Test now flags chains that still rely on SHA1, so run it again after you deploy the new certificate.",
			"Older clients such as Windows XP before Service Pack 3 do not understand SHA256. If a large share of your visitors still use them, you may need to keep a separate endpoint for them for a while.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/one-more-thing-keyless-ssl-and-cloudflares-growing-network/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "Matthew Prince", Date: "2014-09-26",
		Break: `<h2>Latency and locality</h2>`,
		More: []string{
			"What got less attention is what Keyless SSL means for the shape of our network. If we do not need to store private keys at the edge, we can place servers in locations where we would never have felt comfortable keeping sensitive material.",
			"That includes countries where the legal environment makes us cautious, and facilities we do not fully control. The key server stays with the customer; the edge only ever sees session keys that expire within hours.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/keyless-ssl-the-nitty-gritty-technical-details/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "Nick Sullivan", Date: "2014-09-19",
		Break: `<h2>The SSL handshake</h2>`,
		More: []string{
			"An SSL connection starts with a handshake in which the client and the server agree on the keys they will use to encrypt the rest of the conversation. The private key is needed for exactly one step of that handshake, and that step is what Keyless SSL moves to the customer's own infrastructure.",
			"With RSA key exchange, the client encrypts a random secret with the server's public key and only the holder of the private key can decrypt it. With ephemeral Diffie-Hellman, the server signs its parameters instead. Both operations can be performed remotely by a key server over a mutually authenticated connection.",
			"The rest of the handshake, and all the bulk encryption that follows, happens on our edge as before, so visitors see no difference in performance once the session is established.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/announcing-keyless-ssl-all-the-benefits-of-cloudflare-without-having-to-turn-over-your-private-ssl-keys/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "Matthew Prince", Date: "2014-09-18",
		Break: `<figure><img src="/content/images/2014/09/keyless-diagram.png" alt="Keyless SSL diagram"><figcaption>The key server stays in the customer's data center.</figcaption></figure>`,
		More: []string{
			"The bank was under a sustained denial of service attack and its own equipment could not keep up. They wanted our help, but their security team had a firm rule: the bank's private SSL keys could never leave its premises.",
			"That conversation started two years of work. Today we are announcing Keyless SSL, which lets organisations use CloudFlare while keeping their private keys on their own servers.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/introducing-universal-ssl/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "Matthew Prince", Date: "2014-09-29",
		Break: `<h2>Why we did it</h2>`,
		More: []string{
			"Having cutting-edge encryption may not seem important to a small blog, but it is critical to advancing the encrypted-by-default future of the Internet. Every byte, however seemingly mundane, that flows encrypted across the Internet makes it more difficult for those who wish to intercept, throttle, or censor the web.",
			"Universal SSL uses certificates we provision automatically for each site. For most customers there is nothing to configure: the padlock will simply appear once the certificate is active.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/universal-ssl-how-it-scales/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "Nick Sullivan", Date: "2014-10-02",
		Break: `<h2>Elliptic curves</h2>`,
		More: []string{
			"The single biggest saving came from elliptic curve cryptography. ECDSA certificates are much cheaper to use on the server side than RSA certificates of equivalent strength, and all modern browsers support them.",
			"We also rely heavily on session resumption. A returning visitor who presents a session ticket skips the expensive part of the handshake entirely, and on a busy site most connections are resumptions.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/origin-server-connection-security-with-universal-ssl/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "Ryan Lackey", Date: "2014-09-29",
		Break: `<h2>Installing a certificate on your origin</h2>`,
		More: []string{
			"Free certificates are available from several certificate authorities, and a self-signed certificate is enough for Full SSL mode. Strict mode additionally checks that the certificate is valid and matches the host name.",
			"We have collected instructions for the most common web servers, including Apache and nginx, in our knowledge base.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/universal-ssl-be-just-a-bit-more-patient/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "Matthew Prince", Date: "2014-09-30",
		Break: `<hr>`,
		More: []string{
			"You do not need to do anything to get Universal SSL. When the certificate for your site is ready it will be used automatically, and the SSL section of your dashboard will show it as active.",
			"Thank you for your patience, and for the flood of sign ups: we did not expect quite so many of you.",
		},
	},
	// Analytics
	{
		URL: "http://dev.theladders.com/2014/10/speeding-up-r/", Shape: "medium",
		Name: "TheLadders Engineering", Author: "Mike Zeller", Date: "2014-10-01",
		Break: `<h3>Profile first</h3>`,
		More: []string{
			"Before changing anything, measure. Rprof and the profvis package show where the time actually goes, and the answer is rarely where you expect. In our case more than half of the run time was spent growing a data frame one row at a time.",
			"Preallocating vectors, replacing explicit loops with vectorised operations and moving a handful of hot functions to C++ with Rcpp brought our nightly job from four hours to twenty minutes.",
		},
	},
	{
		URL: "http://blog.pagerduty.com/2014/10/how-to-create-a-data-driven-culture/?utm_source=rss&utm_medium=rss&utm_campaign=how-to-create-a-data-driven-culture", Shape: "wordpress",
		Name: "PagerDuty", Author: "Dave Hayes", Date: "2014-10-02",
		Break: `<h3>Start with the questions</h3>`,
		More: []string{
			"Collecting everything is easy; deciding what matters is not. Before building a dashboard, write down the decisions it is supposed to inform and the numbers that would change your mind.",
			"Make the data visible to everyone, not only to managers. When engineers can see the same incident numbers as their leads, conversations about priorities become much shorter.",
		},
	},
	{
		URL: "http://www.datasciencecentral.com/xn/detail/6448529:BlogPost:208998", Shape: "ning",
		Name: "Data Science Central", Author: "Pavan Kumar", Date: "2014-09-28",
		Break: `<h3>Why is it faster?</h3>`,
		More: []string{
			"MapReduce writes intermediate results to disk between every step of a job. Spark keeps them in memory whenever it can, which makes iterative algorithms such as those used in machine learning dramatically faster.",
			"Spark runs on YARN, on Mesos or on its own standalone cluster manager, and it can read any data source Hadoop can read, so it fits into an existing cluster without a migration.",
		},
	},
	{
		URL: "http://datasciencehacks.wordpress.com/2014/09/12/apache-spark-data-processing-engine-for-cluster-computing/", Shape: "wordpress",
		Name: "Data Science Hacks", Author: "pavanpkulkarni", Date: "2014-09-12",
		Break: `<h3>Transformations and actions</h3>`,
		More: []string{
			"Operations on an RDD come in two flavours. Transformations such as map and filter describe a new dataset and are evaluated lazily; actions such as count and collect trigger the actual computation.",
			"Because Spark remembers how each RDD was derived, a lost partition can be recomputed from its lineage instead of being replicated up front.",
		},
	},
	{
		URL: "http://datasciencehacks.wordpress.com/2014/09/26/setting-up-apache-spark-quick-look-at-the-hadoop-scala-and-sbt/", Shape: "wordpress",
		Name: "Data Science Hacks", Author: "pavanpkulkarni", Date: "2014-09-26",
		Break: `<pre><code>sudo addgroup hadoop
sudo adduser --ingroup hadoop hduser</code></pre>`,
		More: []string{
			"Log in as the new user and generate an SSH key without a passphrase, then add it to the authorized keys: Hadoop uses SSH to start its daemons, even on a single machine.",
			"Next, download the Hadoop 2.5.1 tarball from a mirror, unpack it under /usr/local and point HADOOP_HOME at it in the user's profile.",
		},
	},
	{
		URL: "http://datasciencehacks.wordpress.com/2014/09/28/setting-up-apache-spark-part-ii/", Shape: "wordpress",
		Name: "Data Science Hacks", Author: "pavanpkulkarni", Date: "2014-09-28",
		Break: `<pre><code>git clone https://github.com/apache/spark.git
cd spark
sbt/sbt -Pyarn -Phadoop-2.4 assembly</code></pre>`,
		More: []string{
			"The build takes a while the first time, as sbt downloads every dependency. Once it finishes, the assembly jar is under assembly/target and the spark-shell script is ready to use.",
			"Start the shell with the YARN client master and run a quick word count on a file from HDFS to check that everything is wired together.",
		},
	},
	{
		URL: "http://www.datasciencecentral.com/xn/detail/6448529:BlogPost:209379", Shape: "ning",
		Name: "Data Science Central", Author: "Vincent Granville", Date: "2014-09-30",
		Break: `<h3>Contents</h3>`,
		More: []string{
			"The book covers the usual suspects: linear and logistic regression, support vector machines, decision trees, graphical models, the EM algorithm and an introduction to Bayesian methods.",
			"Each chapter is short and dense, closer to a reference card than to a textbook, which makes it handy to keep open next to your code.",
		},
	},
	{
		URL: "http://www.datasciencecentral.com/xn/detail/6448529:BlogPost:208269", Shape: "ning",
		Name: "Data Science Central", Author: "Cameron Graham", Date: "2014-09-26",
		Break: `<h3>1. Goals in Google Analytics</h3>`,
		More: []string{
			"Setting up goals for every piece of gated content lets us see not only how many people read an article, but how many of them went on to download a guide or ask for a consultation.",
			"We tag every link we share on social networks with campaign parameters. It takes a few seconds per link and it tells us which channels bring readers who stay.",
		},
	},
	{
		URL: "http://blog.pagerduty.com/2014/09/a-deep-dive-into-how-we-built-advanced-analytics/", Shape: "wordpress",
		Name: "PagerDuty", Author: "Andrew Miklas", Date: "2014-09-30",
		Break: `<h3>Rolling up incidents</h3>`,
		More: []string{
			"Our incident data lives in a transactional database designed for writes, not for aggregate queries over months of history. We built a separate pipeline that rolls incidents up into hourly summaries per service and per team.",
			"The summaries are small enough to be queried interactively, which is what makes the reports feel instant even for our largest accounts.",
		},
	},
	{
		URL: "http://engineering.linkedin.com/analytics/real-time-analytics-massive-scale-pinot", Shape: "drupal",
		Name: "LinkedIn Engineering", Author: "Praveen Neppalli Naga", Date: "2014-09-29",
		Break: `<h2>What is Pinot?</h2>`,
		More: []string{
			"Pinot is a distributed, column-oriented store that ingests data both from Hadoop and in real time from Kafka. Queries are answered from the freshest data available, with latencies of a few hundred milliseconds.",
			"Today it powers Who Viewed My Profile, the analytics of company pages and a long list of internal dashboards, serving thousands of queries per second.",
		},
	},
	{
		URL: "http://blog.octo.com/en/get-an-instant-access-to-up-to-date-metrics-at-low-cost/", Shape: "wordpress",
		Name: "OCTO Talks !", Author: "Michel Domenjoud", Date: "2014-09-30",
		Break: `<h2>An event-driven approach</h2>`,
		More: []string{
			"Instead of recomputing every metric from scratch, we can update them incrementally as the events that change them happen: an order executed, a price moved, a position transferred.",
			"The core systems stay untouched; a small stream processing layer listens to their events and keeps the consolidated figures in memory, ready to be queried at any time.",
		},
	},
	{
		URL: "http://static.googleusercontent.com/media/research.google.com/fr//pubs/archive/41335.pdf", Shape: "pdf",
		Name: "Google Research", Author: "Steven L. Scott, Hal R. Varian", Date: "2013-06-28",
		More: []string{
			"Many economic time series are published with a lag of weeks or months, while data about searches for related terms are available almost immediately. Nowcasting uses such contemporaneous data to estimate the present value of a series before the official figure is released.",
			"The model we propose combines a structural time series component, capturing trend and seasonality, with a regression on a potentially very large number of search query series. Bayesian model averaging guards against the overfitting that would otherwise plague such a regression.",
		},
	},
	// PHP
	{
		URL: "http://devedge.wordpress.com/2014/09/27/composer-and-virtual-packages/", Shape: "wordpress",
		Name: "devedge", Author: "Florian", Date: "2014-09-27",
		Break: `<pre><code>{
    "require": {
        "psr/log-implementation": "1.0.0"
    }
}</code></pre>`,
		More: []string{
			"Here the package does not care which logger it gets, as long as something implements the PSR-3 interface. Monolog, for instance, declares that it provides psr/log-implementation, so installing it satisfies the requirement.",
			"On the other side, a package that implements the interface only has to add a provide section to its own composer.json. Packagist lists every package that provides a given virtual package on its page.",
		},
	},
	// MySQL
	{
		URL: "https://mariadb.com/blog/high-availability-multi-source-replication-mariadb-100", Shape: "drupal",
		Name: "MariaDB", Author: "Gerry Narvaja", Date: "2014-09-29",
		Break: `<h2>The topology</h2>`,
		More: []string{
			"With multi source replication, a single slave can replicate from several masters at once, each through its own named connection. That lets us collapse what used to be a chain of relays into a much simpler setup.",
			"Each connection has its own set of replication threads and its own position, so stopping or resetting one does not disturb the others.",
		},
	},
	{
		URL: "https://mariadb.com/blog/enabling-gtids-server-replication-mariadb-100", Shape: "drupal",
		Name: "MariaDB", Author: "Gerry Narvaja", Date: "2014-09-22",
		Break: `<h2>GTIDs in MariaDB</h2>`,
		More: []string{
			"MariaDB 10.0 took a different route. Global transaction IDs are always written to the binary log, so a slave can be switched to GTID-based replication at any time, one server at a time, without a restart.",
			"The switch is a single statement: CHANGE MASTER TO master_use_gtid = slave_pos. From then on the slave asks its master for the transactions it has not yet seen, wherever they are in the binary logs.",
		},
	},
	{
		URL: "http://mysqlserverteam.com/the-query-rewrite-plugins/", Shape: "wordpress",
		Name: "MySQL Server Blog", Author: "Martin Hansson", Date: "2014-09-30",
		Break: `<h2>Two kinds of plugins</h2>`,
		More: []string{
			"We have added two plugin APIs. A pre-parse plugin sees the query string before the server parses it, and can replace it with any other string. A post-parse plugin gets the parse tree, which makes it possible to match queries structurally instead of by text.",
			"On top of the post-parse API we ship a plugin called Rewriter, which reads rules from a table: a pattern with placeholders and a replacement. Loading a new set of rules is a simple stored procedure call.",
		},
	},
	{
		URL: "http://mysqlserverteam.com/a-new-data-dictionary-for-mysql/", Shape: "wordpress",
		Name: "MySQL Server Blog", Author: "Ståle Deraas", Date: "2014-09-30",
		Mark:  map[string]string{"Morgan’s blog post": `<a href="http://www.tocker.ca/">Morgan’s blog post</a>`},
		Break: `<h2>Goals</h2>`,
		More: []string{
			"The new data dictionary will store metadata in transactional InnoDB tables, so that DDL can be made crash safe and atomic. It will be the single source of truth for the server and for every storage engine.",
			"The INFORMATION_SCHEMA tables will become views over the dictionary tables, which should make queries against them both faster and more consistent.",
		},
	},
	{
		URL: "http://mysqlserverteam.com/a-preview-on-lab-release-with-new-data-dictionary-in-mysql/", Shape: "wordpress",
		Name: "MySQL Server Blog", Author: "Gopal Shankar", Date: "2014-09-30",
		Break: `<h2>What is in the release</h2>`,
		More: []string{
			"The labs release creates the dictionary tables at bootstrap and no longer writes FRM files for new tables. Existing FRM files are not migrated yet, so this build must be used on a fresh data directory.",
			"It is a preview, not a production build: please try it on test data and tell us what breaks.",
		},
	},
	{
		URL: "http://www.percona.com/blog/2014/09/29/mysql-openstack-how-to-overcome-issues-as-your-dataset-grows/", Shape: "wordpress",
		Name: "MySQL Performance Blog", Author: "Peter Boros", Date: "2014-09-29",
		Break: `<h2>The Keystone token table</h2>`,
		More: []string{
			"The first table to grow out of control is usually Keystone's token table. Every API call creates a token, and expired tokens are never deleted unless you run keystone-manage token_flush from cron.",
			"On a busy cloud the table can reach tens of millions of rows within weeks, and every query against it gets slower. Flushing regularly and switching to memcache for token storage both help.",
		},
	},
	{
		URL: "http://dimitrik.free.fr/blog/archives/2014/09/indeed-mysql-57-rocks-oltp_ro-pointselects-8tables-benchmark.html", Shape: "oldschool",
		Name: "dim_STAT - Dimitri's blog", Author: "Dimitri", Date: "2014-09-30", Charset: "iso-8859-1",
		Break: `<p><img src="/blog/images/2014/09/mysql57-oltp-ro-ps.png" alt="OLTP_RO Point-Selects"></p>`,
		More: []string{
			"The test was run on a 40-core server, with the whole dataset in the buffer pool, from 8 to 1024 concurrent users. MySQL 5.7 reaches over 500K queries per second where 5.6 stalls around 250K.",
			"Most of the gain comes from the work on the read-only transactions path and on the metadata locking, which no longer serialise threads on the same table. Désolé pour les graphiques un peu chargés : à suivre dans le prochain épisode.",
		},
	},
	{
		URL: "http://mysqlserverteam.com/optimizer-cost-model-improvements-in-mysql-5-7-5-dmr/", Shape: "wordpress",
		Name: "MySQL Server Blog", Author: "Olav Sandstå", Date: "2014-10-01",
		Break: `<h2>Configurable cost constants</h2>`,
		More: []string{
			"The cost constants used by the optimizer are no longer hard coded. They are stored in two new tables, server_cost and engine_cost, in the mysql database, and can be changed and reloaded without restarting the server.",
			"We have also improved the estimates for the cost of reading data from disk and for the number of rows that a join condition will filter out.",
		},
	},
	{
		URL: "http://mysqlhighavailability.com/mysql-group-replication-hello-world/", Shape: "wordpress",
		Name: "MySQL High Availability", Author: "Nuno Carvalho", Date: "2014-09-29",
		Break: `<h2>How does it work?</h2>`,
		More: []string{
			"Transactions are executed optimistically on the server that receives them. At commit time, the changes are broadcast to the group through a group communication toolkit, which delivers them to every member in the same order.",
			"Each member then certifies the transaction against concurrent ones; if two transactions touched the same rows, the first one delivered wins and the other is rolled back.",
		},
	},
	{
		URL: "http://mysqlhighavailability.com/getting-started-with-mysql-group-replication/", Shape: "wordpress",
		Name: "MySQL High Availability", Author: "Pedro Gomes", Date: "2014-09-29",
		Mark:  map[string]string{"http://labs.mysql.com/": `<a href="http://labs.mysql.com/">http://labs.mysql.com/</a>`},
		Break: `<h2>Prerequisites</h2>`,
		More: []string{
			"Group Replication relies on Corosync for group communication, so install it first and make sure every node can reach the others on the multicast address you choose.",
			"Each server needs a unique server id, the binary log and GTIDs enabled, and row based replication. Then load the plugin, set the group name and start it.",
		},
	},
	// ElasticSearch
	{
		URL: "http://www.elasticsearch.org/blog/elasticsearch-1-3-3-released/", Shape: "corporate",
		Name: "Elasticsearch", Author: "Clinton Gormley", Date: "2014-09-29",
		Break: `<h2>Bug fixes</h2>`,
		More: []string{
			"This release fixes a bug in the handling of the percolator with nested documents, and a memory leak that could happen when scrolling with a very large number of shards.",
			"As always, please download it, try it out and let us know what you think on Twitter or in the mailing list.",
		},
	},
	{
		URL: "http://www.elasticsearch.org/blog/elasticsearch-1-4-0-beta-released/", Shape: "corporate",
		Name: "Elasticsearch", Author: "Clinton Gormley", Date: "2014-10-01",
		Break: `<h2>Distributed resiliency</h2>`,
		More: []string{
			"The biggest change is in the way nodes discover each other and elect a master. Zen discovery now waits for a majority of master-eligible nodes to confirm every cluster state change, which closes several known split-brain scenarios.",
			"Memory usage is more tightly controlled too: new circuit breakers account for the memory used by each request, and the fielddata cache can no longer grow beyond its configured limit.",
		},
	},
	// Architecture
	{
		URL: "http://techblog.netflix.com/2014/10/a-state-of-xen-chaos-monkey-cassandra.html", Shape: "blogger",
		Name: "The Netflix Tech Blog", Author: "Christos Kalantzis", Date: "2014-10-02",
		Break: `<h3>Cassandra and the reboot</h3>`,
		More: []string{
			"Our Cassandra fleet runs on more than 2700 nodes, and 218 of them were rebooted. 22 did not come back cleanly, and they were automatically detected and replaced by our tooling, without any downtime.",
			"Years of running Chaos Monkey against Cassandra meant that losing nodes was a routine event for us, not an emergency. That is the whole point of breaking things on purpose.",
		},
	},
	{
		URL: "http://www.fastly.com/blog/Hooman-Beheshti-at-Velocity-NYC-2014/", Shape: "corporate",
		Name: "Fastly", Author: "Fastly", Date: "2014-09-30",
		Break: `<div class="video"><iframe src="https://www.youtube.com/embed/k2gCuMzCrLU" width="640" height="360"></iframe></div>`,
		More: []string{
			"Hooman walks through techniques that make dynamic content cacheable: purging on change instead of expiring after a fixed time, caching per user segment rather than per user, and serving stale content while revalidating.",
			"He also shows how edge logic, written in VCL, can take over decisions that used to require a round trip to the origin.",
		},
	},
	{
		URL: "http://blog.alteroot.org/articles/2014-10-01/nginx-cache-based-on-response-time.html", Shape: "jekyll",
		Name: "alteroot", Author: "Quentin Adam", Date: "2014-10-01",
		Mark: map[string]string{"@florentsolt": `<a href="https://twitter.com/florentsolt">@florentsolt</a>`},
		Break: `<pre><code>proxy_cache_path /var/cache/nginx levels=1:2 keys_zone=slow:10m;
map $upstream_response_time $no_cache {
    default 1;
    "~^([5-9]|[1-9][0-9]+)\." 0;
}</code></pre>`,
		More: []string{
			"The trick is the map: nginx knows the upstream response time once the response is back, so we can decide at that point whether to store it. Responses faster than five seconds get no_cache set to 1 and are never written to the cache.",
			"Combine it with proxy_no_cache $no_cache in the location block and you are done. No extra process, no reverse proxy in front of the reverse proxy.",
		},
	},
	{
		URL:   "http://feedproxy.google.com/~r/HighScalability/~3/ZYY0iSmsVvQ/instagram-improved-their-apps-performance-heres-how.html",
		Final: "http://highscalability.com/blog/2014/9/29/instagram-improved-their-apps-performance-heres-how.html",
		Shape: "squarespace", Name: "High Scalability", Author: "Todd Hoff", Date: "2014-09-29",
		Break: `<h2>Design for the device</h2>`,
		More: []string{
			"Gradients, shadows and bevels all cost memory and drawing time. A flat interface needs fewer image assets, so the application starts faster, uses less memory and scrolls more smoothly on low-end devices.",
			"Instagram also changed the way it loads images: the feed shows a low resolution placeholder immediately and replaces it as the full image arrives, so the user never stares at an empty box.",
		},
	},
	// Cassandra
	{
		URL: "http://planetcassandra.org/blog/using-the-cassandra-bulk-loader-updated/", Shape: "corporate",
		Name: "Planet Cassandra", Author: "Yuki Morishita", Date: "2014-09-26",
		Break: `<h2>What has changed</h2>`,
		More: []string{
			"sstableloader no longer needs to join the ring as a fake node. It now talks to the cluster through the native protocol, so it can run from any machine that can reach the nodes.",
			"Generating SSTables is easier too: CQLSSTableWriter lets you write them using a CQL schema and insert statements, instead of dealing with the internal storage API.",
		},
	},
	// Monitoring
	{
		URL: "http://blog.pagerduty.com/2014/09/monitoring-best-practices-it-outages/", Shape: "wordpress",
		Name: "PagerDuty", Author: "Alexis Lê-Quôc", Date: "2014-09-29",
		Break: `<h3>Work metrics and resource metrics</h3>`,
		More: []string{
			"Work metrics tell you whether the system is doing what it should: throughput, success rate, errors, latency. Resource metrics describe what the system uses to do that work: CPU, memory, disk, connections.",
			"Page a human on work metrics, because that is what your users feel. Resource metrics are for investigating once you know something is wrong.",
		},
	},
	{
		URL: "http://blog.pagerduty.com/2014/09/severity-levels-reduce-mttr/", Shape: "wordpress",
		Name: "PagerDuty", Author: "Karen Chen", Date: "2014-09-25",
		Break: `<ul><li>Critical: the site is down or data is at risk</li><li>Error: a feature is broken for some users</li><li>Warning: something needs attention soon</li></ul>`,
		More: []string{
			"Only critical issues should wake someone up. Errors can wait for business hours, as long as someone owns them, and warnings should be reviewed regularly so they do not turn into errors.",
			"Revisit your levels after each major incident: if an alert woke someone for nothing, lower it; if a real problem was missed, raise it.",
		},
	},
	// Security
	{
		URL: "http://www.cyberciti.biz/open-source/howto-protect-linux-ssh-login-with-google-authenticator/", Shape: "wordpress",
		Name: "nixCraft", Author: "Vivek Gite", Date: "2014-09-29",
		Break: `<pre><code>sudo apt-get install libpam-google-authenticator</code></pre>`,
		More: []string{
			"Run google-authenticator as the user who will log in. It prints a QR code to scan with the phone application, along with a few emergency scratch codes: write them down somewhere safe.",
			"Then add the PAM module to /etc/pam.d/sshd and set ChallengeResponseAuthentication to yes in sshd_config. Keep a root session open while you test, in case something goes wrong.",
		},
	},
	{
		URL:   "http://feedproxy.google.com/~r/KrebsOnSecurity/~3/kthNdgAMIyg/",
		Final: "http://krebsonsecurity.com/2014/10/we-take-your-privacy-and-security-seriously/",
		Shape: "wordpress", Name: "Krebs on Security", Author: "Brian Krebs", Date: "2014-10-01",
		Break: `<figure><img src="/wp-content/uploads/2014/10/seriously.png" alt=""><figcaption>A familiar sentence.</figcaption></figure>`,
		More: []string{
			"A quick search turns up hundreds of breach notices that use almost exactly the same words, often from companies that had ignored warnings for months before the breach was discovered by someone else.",
			"If a company really took security seriously, it would not need to say so after the fact. It would tell customers what happened, when it found out, and what it is changing so that it does not happen again.",
		},
	},
	{
		URL: "https://home.regit.org/2014/09/slides-of-my-nftables-talk-at-kernel-recipes/", Shape: "wordpress",
		Name: "To Linux and beyond !", Author: "Eric Leblond", Date: "2014-09-26", Charset: "windows-1252",
		Break: `<p><iframe src="//www.slideshare.net/slideshow/embed_code/39641451" width="427" height="356"></iframe></p>`,
		More: []string{
			"The talk covered the new features that landed in the kernel since last year: sets and maps, the inet family for dual stack rulesets, and the compatibility layer that lets iptables users move at their own pace.",
			"Thanks to the organisers for a very pleasant conference, and to everyone who asked questions after the talk.",
		},
	},
	{
		URL: "http://hackaday.io/project/956/log/10108-aes256-is-not-enough-breaking-a-bootloader", Shape: "corporate",
		Name: "Hackaday.io", Author: "Colin O'Flynn", Date: "2014-09-30",
		Break: `<h3>The bootloader</h3>`,
		More: []string{
			"The bootloader receives encrypted firmware blocks over a serial line, decrypts them with AES-256 in CBC mode and checks a signature before writing them to flash. On paper, nothing is wrong with it.",
			"But by measuring the power consumption of the microcontroller while it decrypts, we can recover the key one byte at a time. The attack takes a few thousand traces and a couple of hours with the ChipWhisperer.",
		},
	},
	{
		URL: "http://www.extremetech.com/extreme/154977-high-frequency-stock-traders-turn-to-laser-networks-to-make-more-money", Shape: "news",
		Name: "ExtremeTech", Author: "Sebastian Anthony", Date: "2013-05-06",
		Break: `<h2>Faster than fibre</h2>`,
		More: []string{
			"Light in an optical fibre travels about a third slower than in air, and fibre routes are rarely straight. Microwave links between exchanges already shave milliseconds off the trip, but they suffer in bad weather.",
			"Laser links can carry more data than microwave and are harder to intercept, but fog remains their enemy, which is why the first networks combine both.",
		},
	},
	// Chef
	{
		URL: "https://www.getchef.com/blog/2014/10/01/chef-and-orchestration/", Shape: "corporate",
		Name: "Chef Blog", Author: "Michael Ducy", Date: "2014-10-01",
		Break: `<h2>Choreography</h2>`,
		More: []string{
			"The problem with a central conductor is that it has to know everything about every component, and the model breaks as soon as reality differs from it. Chef favours choreography instead: each node knows how to configure itself and reacts to the state of the others.",
			"Search and data bags let a node discover its peers, and the convergence model means that running Chef again simply brings things closer to the desired state.",
		},
	},
	// Redis
	{
		URL: "https://redislabs.com/blog/redis-running-slowly-heres-what-you-can-do-about-it", Shape: "corporate",
		Name: "Redis Labs", Author: "Itamar Haber", Date: "2014-09-30",
		Break: `<h2>1. Use the slow log</h2>`,
		More: []string{
			"Redis keeps a log of the commands that took longer than a configurable threshold. SLOWLOG GET shows them along with their arguments, and more often than not the culprit is a KEYS command or a huge SORT.",
			"Next, check that the server is not swapping and that transparent huge pages are disabled: both add latency that has nothing to do with Redis itself.",
		},
	},

	// Extras: pages of posts that are not in the reference week, or that
	// the weekly post leaves out.
	{
		URL: "https://securityblog.redhat.com/2014/09/24/bash-specially-crafted-environment-variables-code-injection-attack/", Shape: "wordpress",
		Name: "Red Hat Security", Author: "Huzaifa Sidhpurwala", Date: "2014-09-24", Section: "Security",
		Title: "Bash specially-crafted environment variables code injection attack",
		Lead: []string{
			"Bash or the Bourne again shell, is a UNIX like shell, which is perhaps one of the most installed utilities on any Linux system. From its creation in 1980, bash has evolved from a simple terminal based command interpreter to many other fancy uses.",
		},
		Break: `<h3>Diagnostic steps</h3>`,
		More: []string{
			"In Linux, environment variables provide a way to influence the behavior of software on the system. Bash allows functions to be exported through environment variables, and a flaw in the way it parses them lets trailing commands run as soon as the shell starts.",
			"Updated packages are available for all supported releases. Run the test command below to check whether your system is vulnerable.",
		},
	},
	{
		URL: "http://www.troyhunt.com/2014/09/everything-you-need-to-know-about.html", Shape: "blogger",
		Name: "Troy Hunt", Author: "Troy Hunt", Date: "2014-09-25", Section: "Security",
		Title: "Everything you need to know about the Shellshock Bash bug",
		Lead: []string{
			"Remember Heartbleed? If you believe the hype today, Shellshock is in that league and with an equally awesome name albeit bereft of a cool logo. But is it really that serious?",
			"In this post I want to explain what it is, why it matters and how to check whether you are at risk.",
		},
		Break: `<h3>What is Shellshock?</h3>`,
		More: []string{
			"Bash is everywhere: it is the default shell on most Linux distributions and on OS X, and it is quietly invoked by web servers running CGI scripts, by DHCP clients and by countless embedded devices.",
			"The risk is highest where untrusted input ends up in an environment variable before bash is started, which is exactly what CGI does with HTTP headers.",
		},
	},
	{
		URL: "http://www.percona.com/blog/2014/09/26/using-mysql-triggers-and-views-in-amazon-rds/", Shape: "wordpress",
		Name: "MySQL Performance Blog", Author: "Alexander Rubin", Date: "2014-09-26", Section: "MySQL",
		Title: "Using MySQL triggers and views in Amazon RDS",
		Lead: []string{
			"I recently had an opportunity to migrate a customer from a physical server into Amazon’s RDS environment. In this particular case the customer’s platform makes extensive use of MySQL triggers and views.",
		},
		Break: `<h2>The SUPER privilege</h2>`,
		More: []string{
			"RDS does not give you the SUPER privilege, and by default creating a trigger with binary logging enabled requires it. The workaround is to set log_bin_trust_function_creators to 1 in a custom parameter group.",
			"Views are simpler, but watch out for their DEFINER clause: a definer that does not exist in the new instance will make every query on the view fail.",
		},
	},
	{
		URL: "http://blog.cloudflare.com/inside-shellshock/", Shape: "ghost",
		Name: "CloudFlare Blog", Author: "John Graham-Cumming", Date: "2014-09-30", Section: "Security",
		Title: "Inside Shellshock: How hackers are using it to exploit systems",
		Lead: []string{
			"On Wednesday of last week, details of the Shellshock bash bug emerged. This bug started a scramble to patch computers, servers, routers, firewalls, and other computing appliances using vulnerable versions of bash.",
		},
		Break: `<h2>What we are seeing</h2>`,
		More: []string{
			"CloudFlare immediately rolled out protection for all customers through our WAF. Since then we have been watching the attempts to exploit the bug, and they fall into a few clear families.",
			"Most are reconnaissance: a request that makes the server ping a host controlled by the attacker, which tells them the target is vulnerable. Others try to download and run malware directly.",
		},
	},
	{
		URL: "http://www.postgresql.org/about/news/1542/", Shape: "docs",
		Name: "PostgreSQL", Author: "PostgreSQL Global Development Group", Date: "2014-10-09", Section: "PostgreSQL",
		Title: "PostgreSQL 9.4 Beta 3 Released",
		Lead: []string{
			"The PostgreSQL Global Development Group has made available the third beta release of PostgreSQL 9.4. This beta contains previews of all of the features which will be available in version 9.4, and is ready for testing by the worldwide PostgreSQL community.",
		},
		Break: `<h2>Changes since Beta 2</h2>`,
		More: []string{
			"This release changes the on-disk format of jsonb columns to improve compression, so databases created with earlier betas must be dumped and restored. It also fixes a number of issues found by testers.",
			"Please download, test, and report what you find. The final release is expected before the end of the year.",
		},
	},
	{
		URL: "http://nginx.org/en/docs/http/ngx_http_proxy_module.html", Shape: "docs",
		Name: "nginx", Author: "", Date: "", Section: "",
		Title: "Module ngx_http_proxy_module",
		Lead: []string{
			"The ngx_http_proxy_module module allows passing requests to another server.",
		},
		Break: `<h4>Example Configuration</h4><pre>location / {
    proxy_pass       http://localhost:8000;
    proxy_set_header Host      $host;
    proxy_set_header X-Real-IP $remote_addr;
}</pre>`,
		More: []string{
			"The proxy_cache_valid directive sets caching time for different response codes. Parameters of caching can also be set directly in the response header, which has higher priority than setting of caching time using the directive.",
			"The proxy_no_cache directive defines conditions under which the response will not be saved to a cache. If at least one value of the string parameters is not empty and is not equal to zero then the response will not be saved.",
		},
	},
	{
		URL: "https://docs.docker.com/articles/security/", Shape: "docs",
		Name: "Docker Documentation", Author: "", Date: "", Section: "",
		Title: "Docker Security",
		Lead: []string{
			"There are three major areas to consider when reviewing Docker security: the intrinsic security of containers, as implemented by kernel namespaces and cgroups; the attack surface of the Docker daemon itself; and the hardening features of the kernel and how they interact with containers.",
		},
		Break: `<h2>Kernel Namespaces</h2>`,
		More: []string{
			"Docker containers are very similar to LXC containers, and they have similar security features. When you start a container with docker run, behind the scenes Docker creates a set of namespaces and control groups for the container.",
			"Namespaces provide the first and most straightforward form of isolation: processes running within a container cannot see, and even less affect, processes running in another container, or in the host system.",
		},
	},
}
