package main

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"
)

// doc is what a page template needs: the site's dressing plus the title and
// lead of the article.
type doc struct {
	site
	// Page is the page's own URL: where the redirects end.
	Page string
	// Canonical is the page's rel=canonical (Page without tracking
	// parameters).
	Canonical string
	Title     string
	// Lead holds the lead's paragraphs as HTML, inline markup applied.
	Lead []string
	// Plain holds the lead's paragraphs as text.
	Plain []string
}

var esc = html.EscapeString

func (d doc) host() string {
	u, _ := url.Parse(d.Page)
	return u.Host
}

func (d doc) when() time.Time {
	t, err := time.Parse("2006-01-02", d.Date)
	if err != nil {
		return time.Time{}
	}
	return t
}

// long is "September 29, 2014".
func (d doc) long() string { return d.when().Format("January 2, 2006") }

// paras writes paragraphs as <p> elements.
func paras(ps []string, escape bool) string {
	var b strings.Builder
	for _, p := range ps {
		if escape {
			p = esc(p)
		}
		b.WriteString("<p>" + p + "</p>\n")
	}
	return b.String()
}

// description is the meta description: the lead's first sentence or so.
func (d doc) description() string {
	s := d.Plain[0]
	if r := []rune(s); len(r) > 150 {
		s = string(r[:150]) + "…"
	}
	return esc(s)
}

func (d doc) head(title string, extra string) string {
	charset := `<meta charset="utf-8">`
	switch d.Charset {
	case "iso-8859-1":
		charset = `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`
	case "windows-1252":
		charset = ""
	}
	return fmt.Sprintf(`<head>
%s
<title>%s</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="%s">
<link rel="canonical" href="%s">
%s</head>
`, charset, title, d.description(), esc(d.Canonical), extra)
}

func render(d doc) string {
	switch d.Shape {
	case "wordpress":
		return wordpress(d)
	case "blogger":
		return blogger(d)
	case "ghost":
		return ghost(d)
	case "medium":
		return medium(d)
	case "news":
		return news(d)
	case "forum":
		return forum(d)
	case "docs":
		return docs(d)
	case "drupal":
		return drupal(d)
	case "ning":
		return ning(d)
	case "squarespace":
		return squarespace(d)
	case "jekyll":
		return jekyll(d)
	case "corporate":
		return corporate(d)
	case "oldschool":
		return oldschool(d)
	}
	panic("unknown shape " + d.Shape)
}

func wordpress(d doc) string {
	slug := strings.ToLower(strings.ReplaceAll(d.Name, " ", "-"))
	return `<!DOCTYPE html>
<html lang="en-US">
` + d.head(esc(d.Title)+" | "+esc(d.Name), `<link rel="stylesheet" id="twentytwelve-style-css" href="/wp-content/themes/twentytwelve/style.css?ver=4.0" type="text/css" media="all">
<meta name="generator" content="WordPress 4.0">
<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1234567-1']);</script>
`) + `<body class="single single-post postid-4521 single-format-standard">
<div id="page" class="hfeed site">
<header id="masthead" class="site-header" role="banner">
<hgroup><h1 class="site-title"><a href="/" title="` + esc(d.Name) + `" rel="home">` + esc(d.Name) + `</a></h1>
<h2 class="site-description">Notes, news and how-tos</h2></hgroup>
<nav id="site-navigation" class="main-navigation" role="navigation"><ul class="nav-menu"><li><a href="/">Home</a></li><li><a href="/about/">About</a></li><li><a href="/archives/">Archives</a></li><li><a href="/contact/">Contact</a></li></ul></nav>
</header>
<div id="main" class="wrapper">
<div id="primary" class="site-content"><div id="content" role="main">
<article id="post-4521" class="post-4521 post type-post status-publish format-standard hentry category-` + slug + `">
<header class="entry-header">
<h1 class="entry-title">` + esc(d.Title) + `</h1>
<div class="entry-meta">Posted on <a href="` + esc(d.Page) + `" rel="bookmark"><time class="entry-date" datetime="` + d.Date + `T09:00:00+00:00">` + d.long() + `</time></a> by <span class="author vcard"><a class="url fn n" href="/author/` + slug + `/">` + esc(d.Author) + `</a></span></div>
</header>
<div class="entry-content">
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-twitter"><a rel="nofollow" class="share-twitter sd-button share-icon" href="?share=twitter" title="Click to share on Twitter"><span>Twitter</span></a></li><li class="share-facebook"><a rel="nofollow" class="share-facebook sd-button share-icon" href="?share=facebook" title="Share on Facebook"><span>Facebook</span></a></li><li class="share-end"></li></ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3></div>
</div>
<footer class="entry-meta">This entry was posted in <a href="/category/` + slug + `/" rel="category tag">` + esc(d.Name) + `</a>. Bookmark the <a href="` + esc(d.Page) + `" rel="bookmark">permalink</a>.</footer>
</article>
<nav class="nav-single"><span class="nav-previous"><a href="/" rel="prev">&larr; Previous post</a></span><span class="nav-next"><a href="/" rel="next">Next post &rarr;</a></span></nav>
<div id="comments" class="comments-area">
<h2 class="comments-title">2 thoughts on &ldquo;<span>` + esc(d.Title) + `</span>&rdquo;</h2>
<ol class="commentlist">
<li class="comment"><article class="comment"><header class="comment-meta"><cite class="fn">jdupont</cite> <time datetime="` + d.Date + `T14:02:11+00:00">` + d.long() + ` at 2:02 pm</time></header><section class="comment-content"><p>Thanks, exactly what I was looking for. Bookmarked.</p></section></article></li>
<li class="comment"><article class="comment"><header class="comment-meta"><cite class="fn">Sam</cite></header><section class="comment-content"><p>Great write-up! Any plans for a follow-up post with numbers from production?</p></section></article></li>
</ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form action="/wp-comments-post.php" method="post" id="commentform"><p class="comment-notes">Your email address will not be published.</p><p class="comment-form-comment"><textarea id="comment" name="comment" cols="45" rows="8"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" value="Post Comment"></p></form></div>
</div>
</div></div>
<div id="secondary" class="widget-area" role="complementary">
<aside id="search-2" class="widget widget_search"><form role="search" method="get" id="searchform" action="/"><label class="screen-reader-text" for="s">Search for:</label><input type="text" name="s" id="s"><input type="submit" id="searchsubmit" value="Search"></form></aside>
<aside id="recent-posts-2" class="widget widget_recent_entries"><h3 class="widget-title">Recent Posts</h3><ul><li><a href="/">A look back at our first year</a></li><li><a href="/">Upcoming talks this autumn</a></li><li><a href="/">How we test our releases</a></li></ul></aside>
<aside id="text-3" class="widget widget_text"><h3 class="widget-title">About</h3><div class="textwidget"><p>This blog is written by the team behind ` + esc(d.Name) + `. Opinions are our own.</p></div></aside>
<aside id="archives-2" class="widget widget_archive"><h3 class="widget-title">Archives</h3><ul><li><a href="/2014/10/">October 2014</a></li><li><a href="/2014/09/">September 2014</a></li><li><a href="/2014/08/">August 2014</a></li></ul></aside>
</div>
</div>
<footer id="colophon" role="contentinfo"><div class="site-info"><a href="http://wordpress.org/" title="Semantic Personal Publishing Platform">Proudly powered by WordPress</a></div></footer>
</div>
<script type="text/javascript" src="/wp-includes/js/jquery/jquery.js?ver=1.11.1"></script>
</body>
</html>
`
}

func wrapP(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = "<p>" + p + "</p>\n"
	}
	return out
}

func blogger(d doc) string {
	var body strings.Builder
	body.WriteString(strings.Join(d.Lead, "<br />\n<br />\n"))
	body.WriteString("<br />\n" + d.Break + "\n")
	for i, p := range d.More {
		if i > 0 {
			body.WriteString("<br />\n<br />\n")
		}
		body.WriteString(esc(p))
	}
	return `<!DOCTYPE html>
<html class="v2" dir="ltr" xmlns="http://www.w3.org/1999/xhtml" xmlns:b="http://www.google.com/2005/gml/b" xmlns:data="http://www.google.com/2005/gml/data" xmlns:expr="http://www.google.com/2005/gml/expr">
` + d.head(esc(d.Name)+": "+esc(d.Title), `<meta name="generator" content="Blogger">
<link rel="alternate" type="application/atom+xml" title="`+esc(d.Name)+` - Atom" href="http://`+d.host()+`/feeds/posts/default">
<meta property="og:url" content="`+esc(d.Page)+`">
<meta property="og:title" content="`+esc(d.Title)+`">
`) + `<body class="loading">
<div class="navbar section" id="navbar"><div class="widget Navbar" id="Navbar1"><iframe src="https://www.blogger.com/navbar.g?targetBlogID=123" height="30px" width="100%" frameborder="0" scrolling="no" title="Blogger Navigation"></iframe></div></div>
<div class="content-outer"><header><div class="header-inner"><div class="Header widget" id="Header1"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="http://` + d.host() + `/">` + esc(d.Name) + `</a></h1></div><div class="descriptionwrapper"><p class="description"><span>Learn about what we're doing at ` + esc(strings.TrimPrefix(d.Name, "The ")) + `.</span></p></div></div></div></div></header>
<div class="main-outer"><div class="main-inner columns"><div class="column-center-inner"><div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>` + d.when().Format("Monday, January 2, 2006") + `</span></h2>
<div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
<a name="2810543087542370341"></a>
<h3 class="post-title entry-title" itemprop="name">
` + esc(d.Title) + `
</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-2810543087542370341" itemprop="description articleBody">
<span style="font-family: Arial, Helvetica, sans-serif;">` + body.String() + `</span>
<div style="clear: both;"></div>
</div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn" itemprop="author">` + esc(d.Author) + `</span></span> <span class="post-timestamp">at <a class="timestamp-link" href="` + esc(d.Page) + `" rel="bookmark"><abbr class="published" title="` + d.Date + `T10:54:00-07:00">10:54 AM</abbr></a></span> <span class="post-comment-link"><a class="comment-link" href="` + esc(d.Page) + `#comment-form">3 comments</a></span></div>
<div class="post-share-buttons goog-inline-block"><a class="goog-inline-block share-button sb-email" href="https://www.blogger.com/share-post.g?blogID=123&amp;postID=2810543087542370341&amp;target=email" title="Email This"><span class="share-button-link-text">Email This</span></a><a class="goog-inline-block share-button sb-blog" href="#" title="BlogThis!"><span class="share-button-link-text">BlogThis!</span></a><a class="goog-inline-block share-button sb-twitter" href="#" title="Share to Twitter"><span class="share-button-link-text">Share to Twitter</span></a></div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="/search/label/ops" rel="tag">ops</a></span></div></div>
</div>
<div class="comments" id="comments"><h4>3 comments:</h4><div class="comments-content"><div class="comment-block"><div class="comment-header"><cite class="user">Anonymous</cite></div><p class="comment-content">Very interesting, thanks for sharing how you handle this.</p></div></div></div>
</div></div></div>
</div></div>
<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="/" title="Newer Post">Newer Post</a></span><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/" title="Older Post">Older Post</a></span><a class="home-link" href="/">Home</a></div>
</div></div></div>
<div class="column-right-inner"><aside><div class="sidebar section" id="sidebar-right-1"><div class="widget Followers" id="Followers1"><h2 class="title">Followers</h2></div><div class="widget BlogArchive" id="BlogArchive1"><h2>Blog Archive</h2><ul class="hierarchy"><li class="archivedate expanded"><a class="post-count-link" href="/2014/">2014</a> <span class="post-count">(34)</span></li></ul></div></div></aside></div>
</div></div>
<footer><div class="footer-outer">Powered by <a href="https://www.blogger.com" target="_blank">Blogger</a>.</div></footer>
</div>
<script type="text/javascript" src="https://www.blogger.com/static/v1/widgets/widgets.js"></script>
</body>
</html>
`
}

func ghost(d doc) string {
	tag := "Security"
	if strings.Contains(d.Title, "SSL") {
		tag = "SSL"
	}
	return `<!DOCTYPE html>
<html>
` + d.head(esc(d.Title)+" | "+esc(d.Name), `<meta name="HandheldFriendly" content="True">
<meta name="generator" content="Ghost 0.5">
<meta property="og:site_name" content="`+esc(d.Name)+`">
<meta property="og:type" content="article">
<meta property="og:title" content="`+esc(d.Title)+`">
<meta property="og:description" content="`+d.description()+`">
<meta property="og:url" content="`+esc(d.Page)+`">
<meta property="article:published_time" content="`+d.Date+`T13:00:00.000Z">
<meta name="twitter:card" content="summary">
<meta name="twitter:site" content="@CloudFlare">
<link rel="stylesheet" type="text/css" href="/assets/css/screen.css?v=c9f2a1bd0e">
`) + `<body class="post-template tag-` + strings.ToLower(tag) + `">
<header class="site-head">
<div class="site-head-content"><a class="blog-logo" href="https://blog.cloudflare.com"><img src="/content/images/2014/09/cf-logo.png" alt="CloudFlare Blog"></a>
<nav class="nav"><a href="https://www.cloudflare.com/overview">Product</a> <a href="https://www.cloudflare.com/plans">Pricing</a> <a href="https://www.cloudflare.com/sign-up" class="btn">Sign up</a></nav></div>
</header>
<main class="content" role="main">
<article class="post tag-` + strings.ToLower(tag) + `">
<header class="post-header">
<span class="post-meta"><time datetime="` + d.Date + `">` + d.when().Format("02 Jan 2006") + `</time> on <a href="/tag/` + strings.ToLower(tag) + `/">` + tag + `</a></span>
<h1 class="post-title">` + esc(d.Title) + `</h1>
</header>
<section class="post-content post-full-content">
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `</section>
<footer class="post-footer">
<section class="author"><h4>` + esc(d.Author) + `</h4><p>Read <a href="/author/` + strings.ToLower(strings.Fields(d.Author)[0]) + `/">more posts</a> by this author.</p></section>
<section class="share"><h4>Share this post</h4><a class="icon-twitter" href="https://twitter.com/share?text=` + url.QueryEscape(d.Title) + `&amp;url=` + url.QueryEscape(d.Page) + `"><span class="hidden">Twitter</span></a> <a class="icon-facebook" href="https://www.facebook.com/sharer/sharer.php?u=` + url.QueryEscape(d.Page) + `"><span class="hidden">Facebook</span></a></section>
<section class="comments"><div id="disqus_thread"></div><script type="text/javascript">var disqus_shortname = 'cloudflareblog';</script><noscript>Please enable JavaScript to view the comments.</noscript></section>
</footer>
</article>
</main>
<footer class="site-footer"><a class="subscribe" href="/rss/">Subscribe</a> <section class="copyright">All content &copy; 2014 <a href="/">CloudFlare Blog</a> &bull; Proudly published with <a href="https://ghost.org">Ghost</a></section></footer>
<script type="text/javascript" src="/assets/js/index.js?v=c9f2a1bd0e"></script>
</body>
</html>
`
}

func medium(d doc) string {
	return `<!DOCTYPE html>
<html xmlns:cc="http://creativecommons.org/ns#">
` + d.head(esc(d.Title)+" — "+esc(d.Name), `<meta property="og:title" content="`+esc(d.Title)+`">
<meta property="og:type" content="article">
<meta property="og:description" content="Making R code run quicker, without rewriting everything.">
<meta name="author" content="`+esc(d.Author)+`">
<meta name="twitter:label1" value="Reading time">
<meta name="twitter:data1" value="5 min read">
`) + `<body>
<div class="surface"><div class="metabar u-clearfix js-metabar"><a class="siteNav-logo" href="/">` + esc(d.Name) + `</a> <a class="button button--primary" href="/m/signin">Sign in</a> <a class="button button--primary" href="/m/signin">Get started</a></div>
<main role="main"><article class="postArticle postArticle--full">
<header class="postMetaHeader"><div class="postMetaInline-authorLockup"><a class="link link--darken" href="/@mzeller">` + esc(d.Author) + `</a> <button class="button button--smallest button--withChrome">Follow</button><div class="postMetaInline"><time datetime="` + d.Date + `T16:04:11.000Z">` + d.when().Format("Jan 2, 2006") + `</time><span class="middotDivider"></span><span class="readingTime" title="5 min read"></span>5 min read</div></div></header>
<div class="postArticle-content js-postField"><section class="section section--body section--first"><div class="section-content"><div class="section-inner sectionLayout--insetColumn">
<h1 class="graf graf--h3 graf--leading graf--title" name="8a1f">` + esc(d.Title) + `</h1>
<h2 class="graf graf--h4 graf-after--h3 graf--subtitle" name="51c2">Making R code run quicker, without rewriting everything</h2>
` + strings.Join(grafs(d.Lead), "") + strings.Replace(d.Break, "<h3>", `<h3 class="graf graf--h3">`, 1) + "\n" + strings.Join(grafs(escAll(d.More)), "") + `</div></div></section></div>
<footer class="u-paddingTop10"><div class="postActions"><div class="multirecommend js-actionMultirecommend"><button class="button button--chromeless" data-action="multivote" aria-label="Clap"><span class="svgIcon svgIcon--clap"></span></button><button class="button button--chromeless u-baseColor--buttonNormal js-multirecommendCountButton" data-action="show-recommends">1.2K claps</button></div><a class="button" href="/p/8a1f/responses">4 responses</a></div>
<ul class="tags"><li><a class="link u-baseColor--link" href="/tag/r">R</a></li><li><a href="/tag/data-science">Data Science</a></li></ul>
<div class="u-marginTop20"><h4>More from ` + esc(d.Name) + `</h4><p>The engineers behind the job search site, writing about how we build it.</p></div></footer>
</article></main></div>
<div class="overlay js-overlay" aria-hidden="true"><p>Never miss a story from ` + esc(d.Name) + `, when you sign up for Medium.</p><a href="/m/signin">Get updates</a></div>
</body>
</html>
`
}

func escAll(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = esc(p)
	}
	return out
}

func grafs(ps []string) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf(`<p class="graf graf--p" name="p%d">%s</p>`+"\n", i, p)
	}
	return out
}

func news(d doc) string {
	ld := fmt.Sprintf(`{"@context":"http://schema.org","@type":"NewsArticle","mainEntityOfPage":%q,"headline":%q,"datePublished":"%sT15:41:00-04:00","author":{"@type":"Person","name":%q},"publisher":{"@type":"Organization","name":%q},"image":"http://www.extremetech.com/wp-content/uploads/2013/05/laser-640x353.jpg"}`,
		d.Page, d.Title, d.Date, d.Author, d.Name)
	return `<!DOCTYPE html>
<html lang="en">
` + d.head(esc(d.Title)+" - "+esc(d.Name), `<meta property="og:site_name" content="`+esc(d.Name)+`">
<meta property="og:title" content="`+esc(d.Title)+`">
<meta property="og:type" content="article">
<script type="application/ld+json">`+ld+`</script>
`) + `<body class="article">
<div id="cookie-notice" class="cookie-banner" role="dialog"><p>We use cookies to personalise content and ads, to provide social media features and to analyse our traffic. By continuing to browse this site you agree to our use of cookies.</p><button class="accept">Accept</button> <a href="/privacy">More information</a></div>
<header class="masthead"><a class="logo" href="/">` + esc(d.Name) + `</a>
<nav class="primary"><ul><li><a href="/category/computing">Computing</a></li><li><a href="/category/extreme">Extreme</a></li><li><a href="/category/gaming">Gaming</a></li><li><a href="/category/mobile">Mobile</a></li><li><a href="/category/science">Science</a></li></ul></nav>
<div class="ad leaderboard"><p>Advertisement</p></div></header>
<div class="wrap"><main>
<article class="story">
<p class="kicker"><a href="/category/extreme">Extreme</a></p>
<h1 class="story-title">` + esc(d.Title) + `</h1>
<p class="byline">By <a href="/author/sebastian-anthony" rel="author">` + esc(d.Author) + `</a> on <time datetime="` + d.Date + `">` + d.long() + ` at 3:41 pm</time> <span class="comments-count"><a href="#comments">68 Comments</a></span></p>
<div class="share-bar"><a class="fb" href="#">Share</a> <a class="tw" href="#">Tweet</a> <a class="em" href="#">Email</a></div>
<div class="story-body">
<figure class="wp-caption lead-image"><img src="/wp-content/uploads/2013/05/laser-640x353.jpg" alt="Laser beam across a city skyline" width="640" height="353"><figcaption class="wp-caption-text">A free-space laser link on a rooftop. (Image: AOptix)</figcaption></figure>
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More[:1], true) + `<div class="newsletter-box"><h3>Sign up for our newsletter</h3><p>Get the best of ExtremeTech in your inbox every week.</p><form action="/newsletter" method="post"><input type="email" name="email" placeholder="Email address"><button>Subscribe</button></form></div>
` + paras(d.More[1:], true) + `<p class="read-more">Now read: <a href="/extreme/152862-how-the-stock-market-works">How the stock market works</a></p>
</div>
</article>
<section id="comments"><h2>Comments</h2><p>Comments are closed.</p></section>
</main>
<aside class="sidebar"><section class="most-read"><h2>Most read</h2><ol><li><a href="/">The fastest supercomputers in the world</a></li><li><a href="/">Why we still do not have flying cars</a></li><li><a href="/">Inside the world's largest data center</a></li></ol></section><div class="ad rectangle"><p>Advertisement</p></div></aside>
</div>
<footer class="site-footer"><p>&copy; 1996-2014 Ziff Davis, LLC. ` + esc(d.Name) + ` is a registered trademark.</p><ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy Policy</a></li><li><a href="/terms">Terms of Use</a></li></ul></footer>
</body>
</html>
`
}

func forum(d doc) string {
	return `<!DOCTYPE html>
<html lang="en">
` + d.head(esc(d.Title)+" | "+esc(d.Name), `<link rel="stylesheet" href="/4.5.6/styles/jive-global.css" type="text/css" media="all">
<script type="text/javascript">var _jive_base_url = "https://community.qualys.com";</script>
`) + `<body class="jive-body-content jive-body-blogpost">
<div id="jive-wrapper">
<div id="j-header-wrap"><header id="j-header" role="banner"><a id="jive-nav-link-home" href="/">Qualys Community</a>
<ul id="j-globalNav"><li><a href="/community/discussions">Discussions</a></li><li><a href="/blogs">Blogs</a></li><li><a href="/community/ssllabs">SSL Labs</a></li></ul>
<form id="j-search-form" action="/search.jspa"><input type="text" name="q" placeholder="Search"></form>
<p class="j-login"><a href="/login.jspa">Log in</a> | <a href="/create-account.jspa">Register</a></p></header></div>
<div id="j-main">
<ol id="jive-breadcrumb"><li><a href="/">Home</a></li><li><a href="/blogs">Blogs</a></li><li><a href="/blogs/securitylabs">Security Labs</a></li></ol>
<div id="jive-body-main"><div class="jive-blog-post">
<div class="jive-blog-post-subject"><h2><a href="` + esc(d.Page) + `">` + esc(d.Title) + `</a></h2></div>
<div class="jive-blog-post-header"><span class="jive-blog-author">Posted by <a href="/people/ivanr" class="jiveTT-hover-user">` + esc(d.Author) + `</a> in <a href="/blogs/securitylabs">Security Labs</a> on <span class="j-post-date">` + d.when().Format("Jan 2, 2006 11:04:19 AM") + `</span></span></div>
<div class="jive-blog-post-body"><div class="jive-rendered-content">
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `</div></div>
<div class="jive-blog-post-footer"><span class="jive-blog-post-views">44,315 Views</span> <span class="j-tags">Tags: <a href="/tags#/?tags=ssl">ssl</a>, <a href="/tags#/?tags=sha1">sha1</a>, <a href="/tags#/?tags=certificates">certificates</a></span></div>
</div>
<div id="jive-comments" class="j-comment-wrapper"><h3>Comments (3)</h3>
<div class="jive-comment"><p class="j-comment-author"><a href="/people/mhall">Mark Hall</a> <span>Sep 10, 2014 8:12 AM</span></p><div class="jive-rendered-content"><p>What about code signing certificates? Are they affected by the same timeline?</p></div></div>
<div class="jive-comment"><p class="j-comment-author"><a href="/people/ivanr">Ivan Ristic</a> <span>Sep 10, 2014 9:30 AM</span></p><div class="jive-rendered-content"><p>Code signing follows a different policy; this post is only about SSL server certificates.</p></div></div>
</div></div>
<div id="jive-body-sidebar"><div class="jive-sidebar"><h4>Recent Blog Posts</h4><ul><li><a href="/blogs/securitylabs">SSL Labs: Stricter security requirements for 2014</a></li><li><a href="/blogs/securitylabs">Is BEAST still a threat?</a></li></ul></div>
<div class="jive-sidebar"><h4>Popular Tags</h4><p><a href="/tags">tls</a> <a href="/tags">ssl</a> <a href="/tags">pci</a></p></div></div>
</div>
<footer id="j-footer"><p>Powered by Jive Software. &copy; 2014 Qualys, Inc.</p></footer>
</div>
</body>
</html>
`
}

func docs(d doc) string {
	var toc string
	if d.Section == "PostgreSQL" {
		toc = `<div id="pgSideNav"><ul><li><a href="/about/">About</a></li><li><a href="/about/newsarchive/">News Archive</a></li><li><a href="/about/events/">Events</a></li><li><a href="/about/press/">Press</a></li></ul></div>`
	} else {
		toc = `<div id="toc"><h4>Contents</h4><ul><li><a href="#example">Example Configuration</a></li><li><a href="#directives">Directives</a></li><li><a href="#variables">Embedded Variables</a></li></ul></div>`
	}
	meta := ""
	if d.Date != "" {
		meta = `<p class="news-meta">Posted on <time datetime="` + d.Date + `">` + d.when().Format("2006-01-02") + `</time></p>` + "\n"
	}
	return `<!DOCTYPE html>
<html lang="en">
` + d.head(esc(d.Title), `<link rel="stylesheet" href="/css/docs.css">
`) + `<body>
<div id="banner"><a href="/">` + esc(d.Name) + `</a> <span class="search"><form action="/search/"><input name="q" type="text" size="20"><input type="submit" value="Search"></form></span></div>
<div id="menu"><ul><li><a href="/en/">english</a></li><li><a href="/ru/">русский</a></li></ul><ul><li><a href="/en/download.html">download</a></li><li><a href="/en/docs/">documentation</a></li><li><a href="/en/support.html">support</a></li></ul></div>
<div id="main">
<div class="breadcrumbs"><a href="/en/">Home</a> / <a href="/en/docs/">Documentation</a></div>
` + toc + `
<div id="content">
<h1>` + esc(d.Title) + `</h1>
` + meta + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `<div class="note"><p>Found a mistake on this page? <a href="/en/docs/contributing.html">Tell us</a>.</p></div>
</div>
</div>
<div id="footer"><p>Copyright &copy; 1996-2014 ` + esc(d.Name) + ` contributors. Last updated ` + "2014-10-01" + `.</p></div>
</body>
</html>
`
}

func drupal(d doc) string {
	return `<!DOCTYPE html>
<html lang="en" dir="ltr" prefix="content: http://purl.org/rss/1.0/modules/content/ dc: http://purl.org/dc/terms/">
` + d.head(esc(d.Title)+" | "+esc(d.Name), `<meta name="Generator" content="Drupal 7 (http://drupal.org)">
<meta property="og:title" content="`+esc(d.Title)+`">
<meta property="og:site_name" content="`+esc(d.Name)+`">
<link type="text/css" rel="stylesheet" href="/sites/all/themes/site/css/style.css?nbcqsx" media="all">
`) + `<body class="html not-front not-logged-in one-sidebar sidebar-second page-node page-node- page-node-2841 node-type-blog">
<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">Skip to main content</a></div>
<div id="page"><header id="header" role="banner"><a href="/" title="Home" rel="home" id="logo"><img src="/sites/all/themes/site/logo.png" alt="Home"></a>
<div class="region region-header"><nav class="block block-menu"><ul class="menu"><li class="first leaf"><a href="/products">Products</a></li><li class="leaf"><a href="/services">Services</a></li><li class="leaf"><a href="/resources">Resources</a></li><li class="last leaf active-trail"><a href="/blog" class="active-trail">Blog</a></li></ul></nav></div></header>
<div id="main"><div id="content" class="column" role="main"><a id="main-content"></a>
<h1 class="title" id="page-title">` + esc(d.Title) + `</h1>
<div class="region region-content"><div id="block-system-main" class="block block-system">
<div id="node-2841" class="node node-blog node-promoted view-mode-full clearfix">
<div class="submitted"><span property="dc:date dc:created" content="` + d.Date + `T10:00:00-07:00">` + d.when().Format("Mon, 01/02/2006 - 15:04") + `</span> — <span class="username" property="foaf:name">` + esc(d.Author) + `</span></div>
<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded">
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `</div></div></div>
<div class="field field-name-field-tags field-type-taxonomy-term-reference field-label-above"><div class="field-label">Tags:&nbsp;</div><div class="field-items"><div class="field-item even"><a href="/tags/replication">Replication</a></div><div class="field-item odd"><a href="/tags/high-availability">High Availability</a></div></div></div>
<ul class="links inline"><li class="comment-add first last"><a href="/comment/reply/2841#comment-form">Add new comment</a></li></ul>
</div></div></div></div>
<div class="region region-sidebar-second column sidebar"><section class="block block-views"><h2 class="block-title">Related posts</h2><div class="item-list"><ul><li><a href="/blog">Getting started with replication</a></li><li><a href="/blog">Ten tips for a faster database</a></li></ul></div></section>
<section class="block block-block"><h2 class="block-title">Subscribe</h2><p>Get our blog posts by email.</p><form action="/subscribe"><input type="email" name="mail"><input type="submit" value="Subscribe"></form></section></div>
</div>
<footer id="footer"><div class="region region-footer"><p>&copy; 2014 ` + esc(d.Name) + `. All rights reserved. <a href="/privacy-policy">Privacy policy</a></p></div></footer></div>
</body>
</html>
`
}

func ning(d doc) string {
	return `<!DOCTYPE html>
<html lang="en" xmlns:og="http://ogp.me/ns#" xmlns:fb="http://www.facebook.com/2008/fbml">
` + d.head(esc(d.Title)+" - "+esc(d.Name), `<meta property="og:title" content="`+esc(d.Title)+`">
<meta property="og:type" content="article">
<meta property="og:site_name" content="`+esc(d.Name)+`">
<script type="text/javascript">ning = {"CurrentApp":{"premium":true,"iconUrl":"http://api.ning.com/icons/appatar/6448529","id":"6448529"}};</script>
`) + `<body class="xg_theme">
<div id="xg_ad_above_header" class="xg_ad xj_ad_above_header"><div class="xg_module module-plain"><div class="xg_module_body"><a href="/page/advertise">Advertise on ` + esc(d.Name) + `</a></div></div></div>
<div id="xg" class="xg_theme"><div id="xg_head"><div id="xg_masthead"><p id="xg_sitename"><a id="application_name_header_link" href="/">` + esc(d.Name) + `</a></p><p id="xg_sitedesc" class="xj_site_desc">The Online Resource for Big Data Practitioners</p></div>
<div id="xg_navigation"><ul><li id="xg_tab_main"><a href="/"><span>Home</span></a></li><li id="xg_tab_blogs" class="this"><a href="/profiles/blog/list"><span>Blogs</span></a></li><li id="xg_tab_forum"><a href="/forum"><span>Forum</span></a></li><li><a href="/group"><span>Groups</span></a></li><li><a href="/page/search"><span>Search</span></a></li></ul></div></div>
<div id="xg_body"><div class="xg_column xg_span-16">
<ul class="navigation byline"><li><a class="nolink">All Blog Posts</a></li><li><a href="/profiles/blog/list?user=0abc">My Blog</a></li><li class="right xg_lightborder navbutton"><a href="/profiles/blog/new" class="xg_sprite xg_sprite-add">Add</a></li></ul>
<div class="xg_module xg_blog xg_blog_detail xg_blog_mypage xg_module_with_dialog"><div class="xg_headline xg_headline-img xg_headline-2l"><div class="ib"><span class="xg_avatar"><img class="photo" src="http://api.ning.com/files/avatar.jpg" width="64" height="64" alt=""></span></div>
<div class="tb"><h1>` + esc(d.Title) + `</h1>
<ul class="navigation byline"><li><a class="nolink">Posted by </a><a href="/profile/` + strings.ReplaceAll(d.Author, " ", "") + `">` + esc(d.Author) + `</a><a class="nolink"> on ` + d.long() + ` at 9:00am</a></li><li><a class="xg_sprite xg_sprite-view" href="/profiles/blog/list">View Blog</a></li></ul></div></div>
<div class="xg_module_body"><div class="postbody"><div class="xg_user_generated">
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `</div></div>
<p class="small" id="tagsList">Tags: <a href="/profiles/blog/list?tag=big+data">big data</a>, <a href="/profiles/blog/list?tag=analytics">analytics</a></p>
<div class="left-panel"><p class="share-links"><a class="post_to_twitter" href="#">Tweet</a> <a class="post_to_facebook" href="#">Share</a> <a href="#">Like</a> <span class="likecount">12 members like this</span></p></div>
<p class="small"><a href="/xn/detail/previous">&lt; Previous Post</a> | <a href="/xn/detail/next">Next Post &gt;</a></p></div></div>
<div class="xg_module xg_module_comment_wrapper"><div class="xg_module_head"><h2>Comment</h2></div><div class="xg_module_body"><p>You need to be a member of ` + esc(d.Name) + ` to add comments!</p><p><a href="/main/authorization/signUp">Join ` + esc(d.Name) + `</a></p></div></div>
</div>
<div class="xg_column xg_span-5 xg_last"><div class="xg_module"><div class="xg_module_head"><h2>Follow Us</h2></div><div class="xg_module_body"><p><a href="/page/newsletter">Newsletter</a> | <a href="https://twitter.com/analyticbridge">Twitter</a></p></div></div>
<div class="xg_module"><div class="xg_module_head"><h2>Featured Blog Posts</h2></div><div class="xg_module_body"><ul><li><a href="/">10 types of regressions. Which one to use?</a></li><li><a href="/">The curse of big data</a></li></ul></div></div></div>
</div>
<div id="xg_foot"><p class="left">&copy; 2014 Created by <a href="/profile/VincentGranville">Vincent Granville</a>. Powered by <a href="http://www.ning.com/">Ning</a></p><p class="right xg_lightfont"><a href="/profiles/friend/list">Badges</a> | <a href="/main/index/termsOfService">Terms of Service</a></p></div>
</div>
</body>
</html>
`
}

func squarespace(d doc) string {
	return `<!doctype html>
<html xmlns:og="http://opengraphprotocol.org/schema/" xmlns:fb="http://www.facebook.com/2008/fbml">
` + d.head(esc(d.Name)+" - "+esc(d.Title), `<meta property="og:site_name" content="`+esc(d.Name)+`">
<meta property="og:title" content="`+esc(d.Title)+` - `+esc(d.Name)+`">
<meta property="og:url" content="`+esc(d.Page)+`">
<meta property="og:type" content="article">
<!-- This is Squarespace. --><!-- highscalability -->
<script type="text/javascript">Static.SQUARESPACE_CONTEXT = {"websiteId":"4e8fd7a1","collectionId":"4e8fd7b2"};</script>
`) + `<body id="item-542a1c62e4b0" class="blog-collection-type item-view">
<div id="canvas"><div id="headerWrapper"><header id="header"><h1 id="logoText"><a href="/">` + esc(d.Name) + `</a></h1><p id="tagline">Building bigger, faster, more reliable websites.</p>
<nav id="topNav"><ul><li><a href="/">Home</a></li><li><a href="/all-posts">All Posts</a></li><li><a href="/start-here">Start Here</a></li><li><a href="/advertise">Advertise</a></li></ul></nav></header></div>
<div id="pageWrapper"><section id="page" role="main"><div class="main-content" data-content-field="main-content">
<article class="hentry author-todd-hoff post-type-text" id="article-542a1c62e4b0">
<header><h1 class="entry-title"><a href="` + esc(d.Page) + `">` + esc(d.Title) + `</a></h1>
<div class="entry-dateline"><a href="` + esc(d.Page) + `" class="entry-dateline-link"><time class="published" datetime="` + d.Date + `">` + d.when().Format("Monday, January 2, 2006") + ` at 8:56AM</time></a></div></header>
<div class="body entry-content"><div class="sqs-layout sqs-grid-12 columns-12"><div class="row sqs-row"><div class="col sqs-col-12 span-12"><div class="sqs-block html-block sqs-block-html"><div class="sqs-block-content">
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `<h2>Related Articles</h2><ul><li><a href="/">Facebook Mobile Drops Pull For Push-based Snapshot + Delta Model</a></li><li><a href="/">The Architecture of WhatsApp</a></li></ul>
</div></div></div></div></div></div>
<footer><div class="entry-footer"><a href="` + esc(d.Page) + `#comments" class="comments-link">Reader Comments (2)</a> <span class="squarespace-social-buttons" data-full-url="` + esc(d.Page) + `"></span></div></footer>
</article>
<nav class="pagination"><a href="/" class="older">Older &rarr;</a> <a href="/" class="newer">&larr; Newer</a></nav>
</div></section>
<aside id="sidebar"><div class="sqs-block"><h3>Support HighScalability</h3><p>Buy the book: Explain the Cloud Like I'm 10.</p></div><div class="sqs-block"><h3>Stuff The Internet Says</h3><p>Every Friday, a round-up of the week's news on scalability.</p></div></aside></div>
<footer id="footer">Powered by Squarespace</footer></div>
<script type="text/javascript" src="//static.squarespace.com/universal/scripts-compressed/common.js"></script>
</body>
</html>
`
}

func jekyll(d doc) string {
	return `<!DOCTYPE html>
<html lang="fr">
` + d.head(esc(d.Title)+" &middot; "+esc(d.Name), `<link rel="alternate" type="application/atom+xml" title="`+esc(d.Name)+`" href="/atom.xml">
<link rel="stylesheet" href="/public/css/poole.css">
`) + `<body>
<div class="sidebar"><div class="container sidebar-sticky"><div class="sidebar-about"><h1><a href="/">` + esc(d.Name) + `</a></h1><p class="lead">Notes de sysadmin, dev et autres bidouilles.</p></div>
<nav class="sidebar-nav"><a class="sidebar-nav-item active" href="/">Home</a> <a class="sidebar-nav-item" href="/about/">About</a> <a class="sidebar-nav-item" href="https://github.com/alteroot">GitHub</a></nav>
<p>&copy; 2014. All rights reserved.</p></div></div>
<div class="content container">
<div class="post">
<h1 class="post-title">` + esc(d.Title) + `</h1>
<span class="post-date">` + d.when().Format("02 Jan 2006") + `</span>
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `</div>
<div class="related"><h2>Related Posts</h2><ul class="related-posts"><li><h3><a href="/articles/2014-08-12/docker-and-nginx.html">Docker and nginx, a love story <small>12 Aug 2014</small></a></h3></li></ul></div>
<div id="disqus_thread"></div><script type="text/javascript">var disqus_shortname = 'alteroot';</script>
</div>
</body>
</html>
`
}

func corporate(d doc) string {
	return `<!DOCTYPE html>
<html lang="en">
` + d.head(esc(d.Title)+" | "+esc(d.Name), `<meta property="og:title" content="`+esc(d.Title)+`">
<meta property="og:site_name" content="`+esc(d.Name)+`">
<meta name="twitter:title" content="`+esc(d.Title)+`">
<link rel="stylesheet" href="/static/css/site.min.css">
<script>(function(i,s,o,g,r,a,m){i['GoogleAnalyticsObject']=r;})(window,document,'script','//www.google-analytics.com/analytics.js','ga');</script>
`) + `<body class="blog blog-post">
<div class="top-bar"><div class="container"><a href="/contact">Contact</a> | <a href="/login">Log in</a> | <a class="btn" href="/download">Download</a></div></div>
<header class="site-header"><div class="container"><a class="brand" href="/">` + esc(d.Name) + `</a>
<nav class="main-nav"><ul><li><a href="/products/">Products</a></li><li><a href="/services/">Services</a></li><li><a href="/community/">Community</a></li><li class="active"><a href="/blog/">Blog</a></li><li><a href="/about/">About</a></li></ul></nav></div></header>
<section class="page-banner"><div class="container"><p class="banner-title">Blog</p></div></section>
<div class="container main"><div class="row">
<div class="col-md-8 post-content">
<h1>` + esc(d.Title) + `</h1>
<div class="post-meta"><span class="author">` + esc(d.Author) + `</span> <span class="sep">|</span> <span class="date">` + d.long() + `</span></div>
<div class="social-share"><a href="#" class="twitter">Tweet</a> <a href="#" class="linkedin">Share</a> <a href="#" class="gplus">+1</a></div>
<div class="post-body">
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `</div>
<div class="post-tags">Tags: <a href="/blog/tag/release/">release</a></div>
</div>
<div class="col-md-4 sidebar"><div class="widget"><h4>Subscribe to our blog</h4><form action="/subscribe"><input type="email" placeholder="you@example.com"><button>Subscribe</button></form></div>
<div class="widget"><h4>Upcoming events</h4><ul><li>Meetup, Paris — Oct 14</li><li>Training, London — Oct 21</li></ul></div>
<div class="widget"><h4>Recent posts</h4><ul><li><a href="/blog/">This week in our community</a></li><li><a href="/blog/">Customer story: scaling to millions</a></li></ul></div></div>
</div></div>
<footer class="site-footer"><div class="container"><ul><li><a href="/legal/">Legal</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/careers/">Careers</a></li></ul><p>&copy; 2014 ` + esc(d.Name) + `. All rights reserved.</p></div></footer>
</body>
</html>
`
}

// oldschool is a hand-written blog page of the early 2000s: tables for
// layout, font tags, and served in ISO-8859-1.
func oldschool(d doc) string {
	return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
` + d.head(esc(d.Name)+" : "+esc(d.Title), `<link rel="stylesheet" href="/blog/styles-site.css" type="text/css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/blog/index.rdf">
`) + `<body bgcolor="#ffffff">
<table width="100%" border="0" cellpadding="4" cellspacing="0">
<tr><td colspan="2" class="banner"><a href="/blog/">` + esc(d.Name) + `</a><br><font size="-1">Performance, MySQL, et autres aventures... par Dimitri KRAVTCHUK</font></td></tr>
<tr><td valign="top" width="75%">
<div class="blog">
<h2 class="date">` + d.when().Format("Monday, 02 January, 2006") + `</h2>
<div class="blogbody">
<h3 class="title">` + esc(d.Title) + `</h3>
` + strings.Join(wrapP(d.Lead), "") + d.Break + "\n" + paras(d.More, true) + `<div class="posted">Posted by ` + esc(d.Author) + ` at 17:05 | <a href="` + esc(d.Page) + `#comments">Commentaires (4)</a> | <a href="/blog/mt-tb.cgi/512">TrackBack</a></div>
</div></div>
</td>
<td valign="top" width="25%" bgcolor="#eeeeee">
<div class="side"><b>Catégories</b><br><a href="/blog/archives/mysql/">MySQL</a><br><a href="/blog/archives/dim_stat/">dim_STAT</a><br><a href="/blog/archives/solaris/">Solaris</a></div>
<div class="side"><b>Archives</b><br><a href="/blog/archives/2014/09/">Septembre 2014</a><br><a href="/blog/archives/2014/08/">Août 2014</a></div>
<div class="side"><b>Liens</b><br><a href="http://planet.mysql.com/">Planet MySQL</a></div>
<div class="side"><font size="-2">Généré par Movable Type 3.2 — © Dimitri</font></div>
</td></tr></table>
</body>
</html>
`
}
