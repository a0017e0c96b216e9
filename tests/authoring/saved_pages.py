# ruff: noqa: E501  (pages as browsers save them: one long line of markup each)
"""Web pages in the shapes clinics' sites have, written as a browser's "Save page as" writes
them: PAGE.html with a `saved from url` line, and a PAGE_files/ folder of its pictures."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

SITE = "https://www.sunrise-clinic.example"
WITHDRAWAL_URL = f"{SITE}/blog/opioid-withdrawal/"
FENTANYL_URL = f"{SITE}/blog/what-is-fentanyl/"


def picture(path: Path, size: tuple[int, int], mode: str = "RGB", fmt: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new(mode, size, (40, 110, 160) if mode == "RGB" else (40, 110, 160, 128))
    for x in range(0, size[0], max(1, size[0] // 20)):  # not one flat colour: a real photo's size
        for y in range(0, size[1], max(1, size[1] // 20)):
            image.putpixel((x, y), (x % 255, y % 255, 90) if mode == "RGB" else (x % 255, y % 255, 90, 255))
    image.save(path, fmt)


def save_page(folder: Path, name: str, html: str, address: str) -> Path:
    """PAGE.html as Chrome saves it (the address it came from on its first line)."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / f"{name}.html"
    page.write_text(f"<!DOCTYPE html>\n<!-- saved from url=({len(address):04d}){address} -->\n{html}",
                    encoding="utf-8")
    return page


WORDPRESS_POST = """<html lang="en-US"><head>
<meta charset="UTF-8">
<title>Depression and Substance Use: What to Know | Sunrise Clinic</title>
<meta name="description" content="Depression and substance use often happen together. Learn the signs, how the two are linked, and how treatment helps. Our team is here for you every day of the week, and we can help you and your family find the care that fits.">
<link rel="canonical" href="https://www.sunrise-clinic.example/blog/depression-and-substance-use/">
<meta property="og:type" content="article">
<meta property="og:title" content="Depression and Substance Use: What to Know">
<meta property="og:image" content="https://www.sunrise-clinic.example/wp-content/uploads/2024/05/window.jpg">
</head>
<body class="post-template-default single single-post">
<div id="cookie-notice" class="cookie-banner">We use cookies to improve your experience on our site. <a href="/privacy/">Learn more</a> <button>Accept all cookies</button></div>
<header id="masthead" class="site-header"><div class="site-branding"><a href="/"><img src="./post_files/logo.png" alt="Sunrise Clinic"></a></div>
<nav id="site-navigation" class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/about/">About Us</a></li><li><a href="/services/">Our Services</a></li><li><a href="/insurance/">Insurance</a></li><li><a href="/contact/">Contact</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-412" class="post-412 post type-post status-publish format-standard has-post-thumbnail">
<header class="entry-header"><h1 class="entry-title">Depression and Substance Use: What to Know</h1>
<div class="entry-meta"><span class="posted-on">Posted on <time datetime="2024-05-02">May 2, 2024</time></span> <span class="byline">by Dana Reyes</span></div></header>
<div class="entry-content">
<figure class="wp-block-image size-large"><img src="./post_files/window.jpg" alt="A woman looking out of a window at sunrise" width="2400" height="1600"></figure>
<p>Depression is more than feeling sad for a day or two. It is a medical condition that changes how you feel, think and handle daily life. The good news is that it can be treated, and most people get better.</p>
<h2>Signs to look for</h2>
<p>People with depression may notice some of these signs for two weeks or more:</p>
<ul><li>Feeling sad, empty or <strong>hopeless</strong> most of the day</li><li>Losing interest in things you used to <em>enjoy</em></li><li>Sleeping too much or too little</li></ul>
<h2>How depression and substance use are linked</h2>
<p>According to the National Institute on Drug Abuse, people with mood disorders are nearly twice as likely to also have a substance use disorder. The Centers for Disease Control and Prevention reports that 1 in 6 adults will have depression at some time in their life. Some people use alcohol or drugs to cope, which can make things worse. Read more in our article on <a href="https://www.sunrise-clinic.example/blog/opioid-withdrawal/">opioid withdrawal</a>, or visit <a href="https://www.nimh.nih.gov/health/topics/depression">the NIMH website</a>.</p>
<blockquote class="wp-block-quote"><p>Asking for help was the bravest thing I ever did.</p><cite>A patient at our clinic</cite></blockquote>
<h2>Getting help</h2>
<p>Treatment often combines talk therapy and medicine. Around 80% of people who get treatment feel better, our doctors say. Many people find that their mood lifts within a few months. Call our front desk to talk with someone today.</p>
<figure class="wp-block-image"><img src="./post_files/group.webp" alt="A support group sitting in a circle"></figure>
<p>We also offer a weekly support group. It is free, and family members are welcome too.</p>
<img src="./post_files/pixel.gif" width="1" height="1" alt="" class="tracking">
<img src="https://www.sunrise-clinic.example/wp-content/uploads/2024/05/not-saved.jpg" alt="A photo that was not saved">
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/mental-health/" rel="category tag">Mental Health</a></span></footer>
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social"><h3 class="sd-title">Share this:</h3><ul><li><a href="https://twitter.com/intent/tweet" class="share-twitter">Share on X</a></li><li><a href="https://www.facebook.com/sharer.php" class="share-facebook">Share on Facebook</a></li><li><a href="mailto:?subject=Depression" class="share-email">Email a friend</a></li></ul></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-items jp-relatedposts-items-visual">
<div class="jp-relatedposts-post"><a href="https://www.sunrise-clinic.example/blog/what-is-fentanyl/"><img src="./post_files/fentanyl-thumb.jpg" alt=""></a><h4 class="jp-relatedposts-post-title"><a href="https://www.sunrise-clinic.example/blog/what-is-fentanyl/">What is fentanyl?</a></h4><p>The drug behind most overdoses.</p></div>
<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="https://www.sunrise-clinic.example/blog/opioid-withdrawal/">Symptoms of opioid withdrawal</a></h4><p>What to expect in the first days.</p></div>
<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="https://www.sunrise-clinic.example/blog/new-building/">Our new building is open</a></h4></div>
</div></div>
</article>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on &ldquo;Depression and Substance Use&rdquo;</h2>
<ol class="comment-list"><li id="comment-7" class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Mary</b> <span class="says">says:</span></footer><div class="comment-content"><p>This article helped my brother so much. Thank you for writing it!</p></div></article></li>
<li id="comment-8" class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Tom</b> <span class="says">says:</span></footer><div class="comment-content"><p>Where can I find a support group near Springfield?</p></div></article></li></ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply</h3><form id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p><p><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input type="submit" value="Post Comment"></p></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_search"><form role="search"><input type="search" placeholder="Search"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="/blog/sleep/">Five tips for better sleep</a></li><li><a href="/blog/new-building/">Our new building is open</a></li><li><a href="/blog/flu-shots/">Flu shots are here</a></li></ul></section>
<section class="widget widget_text"><h2 class="widget-title">Newsletter</h2><div class="textwidget"><p>Sign up for our monthly newsletter to get the latest news from the clinic straight to your inbox.</p></div></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2024 Sunrise Clinic. All rights reserved. 123 Main Street, Springfield. <a href="/privacy/">Privacy Policy</a> | <a href="/terms/">Terms of Use</a></div></footer>
</body></html>"""


PAGE_BUILDER = """<html lang="en"><head><meta charset="utf-8">
<title>What Is Fentanyl? - Sunrise Clinic</title>
<meta property="og:url" content="https://www.sunrise-clinic.example/what-is-fentanyl-made-of/">
<meta property="og:type" content="article">
</head><body class="page-template elementor-default elementor-page">
<div data-elementor-type="header" class="elementor elementor-location-header"><div class="elementor-section-wrap"><section class="elementor-section elementor-top-section"><div class="elementor-container"><div class="elementor-column"><div class="elementor-widget-wrap"><div class="elementor-widget elementor-widget-nav-menu"><nav class="elementor-nav-menu--main"><ul class="elementor-nav-menu"><li><a href="/">Home</a></li><li><a href="/treatment/">Treatment</a></li><li><a href="/blog/">Blog</a></li><li><a href="/contact/">Call Us 24/7</a></li></ul></nav></div></div></div></div></section></div></div>
<main id="content" class="site-main post-1234 page type-page status-publish hentry"><div class="page-content">
<div data-elementor-type="wp-page" class="elementor elementor-1234"><div class="elementor-inner"><div class="elementor-section-wrap">
<section class="elementor-section elementor-top-section"><div class="elementor-container elementor-column-gap-default"><div class="elementor-row"><div class="elementor-column elementor-col-100"><div class="elementor-column-wrap"><div class="elementor-widget-wrap">
<div class="elementor-element elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h1 class="elementor-heading-title elementor-size-default">What Is Fentanyl?</h1></div></div>
<div class="elementor-element elementor-widget elementor-widget-image"><div class="elementor-widget-container"><div class="elementor-image"><img src="./fentanyl_files/pills.png" alt="Small blue pills on a table" width="1200" height="800"></div></div></div>
<div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><div class="elementor-text-editor elementor-clearfix">
<p>Fentanyl is a strong opioid. Doctors use it for severe pain, for example after surgery. It is about 50 times stronger than heroin, according to the Drug Enforcement Administration.</p>
<p>Most fentanyl sold on the street is made in secret labs. It is often mixed into other drugs, so people may take it without knowing.</p>
</div></div></div>
<div class="elementor-element elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h2 class="elementor-heading-title">Know the signs of an overdose</h2></div></div>
<div class="elementor-element elementor-widget elementor-widget-icon-list"><div class="elementor-widget-container"><ul class="elementor-icon-list-items">
<li class="elementor-icon-list-item"><span class="elementor-icon-list-icon"><svg aria-hidden="true" viewBox="0 0 512 512"><path d="M0 0h512v512H0z"></path></svg></span><span class="elementor-icon-list-text">Very small pupils</span></li>
<li class="elementor-icon-list-item"><span class="elementor-icon-list-icon"><svg aria-hidden="true" viewBox="0 0 512 512"><path d="M0 0h512v512H0z"></path></svg></span><span class="elementor-icon-list-text">Slow or no breathing</span></li>
<li class="elementor-icon-list-item"><span class="elementor-icon-list-icon"><svg aria-hidden="true" viewBox="0 0 512 512"><path d="M0 0h512v512H0z"></path></svg></span><span class="elementor-icon-list-text">Cold, clammy skin and blue lips</span></li>
</ul></div></div>
<div class="elementor-element elementor-widget elementor-widget-text-editor"><div class="elementor-widget-container"><div class="elementor-text-editor elementor-clearfix">
<p>If you see these signs, call 911 right away. Naloxone can reverse an opioid overdose, and you can get it at most pharmacies without a prescription. Stay with the person until help arrives. For more, read about <a href="/blog/opioid-withdrawal/">withdrawal symptoms</a>.</p>
</div></div></div>
<div class="elementor-element elementor-widget elementor-widget-button"><div class="elementor-widget-container"><div class="elementor-button-wrapper"><a href="/contact/" class="elementor-button"><span class="elementor-button-text">Call Us Today</span></a></div></div></div>
</div></div></div></div></div></section>
</div></div></div>
</div></main>
<div data-elementor-type="footer" class="elementor elementor-location-footer"><section class="elementor-section"><div class="elementor-container"><div class="elementor-column"><div class="elementor-widget-wrap"><div class="elementor-widget elementor-widget-text-editor"><p>Sunrise Clinic &middot; 123 Main Street &middot; Springfield &middot; Open 24/7</p></div><div class="elementor-widget elementor-widget-social-icons"><a href="https://facebook.com/sunrise">Facebook</a> <a href="https://instagram.com/sunrise">Instagram</a></div></div></div></div></section></div>
</body></html>"""


TABLE_OF_FIGURES = """<html lang="en"><head><meta charset="utf-8">
<title>America's Opioid Crisis in Numbers</title>
<meta name="description" content="How many people the opioid crisis touches, in figures from the CDC and SAMHSA, and what they mean for families in our town.">
<link rel="canonical" href="https://www.sunrise-clinic.example/opioid-crisis-in-numbers">
</head><body>
<div class="topbar"><a href="/">Sunrise Clinic</a> | <a href="/donate">Donate</a></div>
<div id="main-content"><div class="container"><div class="row"><div class="col-md-8">
<h1>America's Opioid Crisis in Numbers</h1>
<p>The opioid crisis has touched almost every town in the country. The numbers below show how big it is. Behind each number are people, families and friends.</p>
<h2>The figures</h2>
<table class="table">
<thead><tr><th>Figure</th><th>Number</th><th>Source</th></tr></thead>
<tbody>
<tr><td>Overdose deaths involving opioids, 2022</td><td>81,806</td><td>CDC</td></tr>
<tr><td>People with an opioid use disorder, 2022</td><td>6.1 million</td><td>SAMHSA</td></tr>
<tr><td>Share of overdose deaths involving fentanyl</td><td>About 7 in 10</td><td>CDC</td></tr>
</tbody></table>
<p>In 2022, more than 80,000 people died from opioid overdoses, according to the Centers for Disease Control and Prevention. Data from the Substance Abuse and Mental Health Services Administration show that 6.1 million people had an opioid use disorder that year. Some experts say that 3 in 4 people who need treatment never get it.</p>
<h2>What you can do</h2>
<ol><li>Learn the signs of an overdose.</li><li>Carry naloxone if someone you love uses opioids.</li><li>Talk with our team about treatment options.</li></ol>
<p>Recovery is possible. We are here to help you and your family take the first step.</p>
</div>
<div class="col-md-4 sidebar"><div class="card"><h3>Upcoming events</h3><ul><li><a href="/events/1">Family night, June 4</a></li><li><a href="/events/2">Naloxone training, June 11</a></li></ul></div></div>
</div></div></div>
<div class="footer">Sunrise Clinic, 123 Main Street. <a href="/privacy">Privacy</a></div>
</body></html>"""


LIST_PAGE = """<html><head><title>Blog | Sunrise Clinic</title><meta property="og:type" content="website"></head>
<body><nav><a href="/">Home</a> <a href="/blog/">Blog</a></nav><main><h1>Our blog</h1>
""" + "\n".join(
    f'<article class="post"><h2 class="entry-title"><a href="/blog/post-{i}/">Post number {i} about '
    f'health</a></h2><p>A short excerpt of post {i}, about sleep, food and feeling well. '
    f'<a href="/blog/post-{i}/">Read more</a></p></article>' for i in range(1, 9)
) + '<div class="pagination"><a href="/blog/page/2/">Older posts</a></div></main></body></html>'


EMPTY_PAGE = """<html><head><title>Contact us</title></head><body><nav><a href="/">Home</a></nav>
<main><h1>Contact us</h1><form><label>Your name</label><input name="n"><button>Send</button></form>
</main><footer>Sunrise Clinic</footer></body></html>"""


def wordpress_post(folder: Path) -> Path:
    files = folder / "post_files"
    picture(files / "window.jpg", (2400, 1600))
    picture(files / "group.webp", (900, 600), fmt="WEBP")
    picture(files / "logo.png", (64, 64), mode="RGBA")
    picture(files / "fentanyl-thumb.jpg", (300, 200))
    picture(files / "pixel.gif", (1, 1), fmt="GIF")
    return save_page(folder, "post", WORDPRESS_POST, f"{SITE}/blog/depression-and-substance-use/")


def page_builder(folder: Path) -> Path:
    picture(folder / "fentanyl_files" / "pills.png", (1200, 800), mode="RGBA")
    return save_page(folder, "fentanyl", PAGE_BUILDER, f"{SITE}/what-is-fentanyl-made-of/")


def table_of_figures(folder: Path) -> Path:
    return save_page(folder, "numbers", TABLE_OF_FIGURES, f"{SITE}/opioid-crisis-in-numbers")
