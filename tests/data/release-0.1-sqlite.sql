BEGIN TRANSACTION;
CREATE TABLE alert_deliveries (
	id INTEGER NOT NULL, 
	scan_id INTEGER NOT NULL, 
	channel VARCHAR NOT NULL, 
	target TEXT NOT NULL, 
	ok BOOLEAN NOT NULL, 
	status VARCHAR, 
	error TEXT, 
	sent_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(scan_id) REFERENCES scans (id) ON DELETE CASCADE
);
CREATE TABLE api_tokens (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	token_sha256 VARCHAR NOT NULL, 
	label VARCHAR, 
	created_at DATETIME NOT NULL, 
	last_used_at DATETIME, 
	revoked BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	UNIQUE (token_sha256)
);
CREATE TABLE attachments (
	id INTEGER NOT NULL, 
	scan_id INTEGER NOT NULL, 
	url VARCHAR NOT NULL, 
	kind VARCHAR, 
	size INTEGER, 
	content_type VARCHAR, 
	status INTEGER, 
	found_on JSON, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_attachment_scan_url UNIQUE (scan_id, url), 
	FOREIGN KEY(scan_id) REFERENCES scans (id) ON DELETE CASCADE
);
INSERT INTO "attachments" VALUES(1,1,'http://127.0.0.1:40789/files/disability-card-application.pdf','pdf',151305,'application/pdf',200,'["http://127.0.0.1:40789/guide/disability-card.html"]');
INSERT INTO "attachments" VALUES(2,1,'http://127.0.0.1:40789/files/assistive-devices-catalog.xlsx','xlsx',5293,'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',200,'["http://127.0.0.1:40789/guide/disability-card.html"]');
CREATE TABLE audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_name VARCHAR, 
	action VARCHAR NOT NULL, 
	target VARCHAR, 
	detail JSON, 
	client VARCHAR, 
	outcome VARCHAR NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE dismissals (
	id INTEGER NOT NULL, 
	site_id INTEGER NOT NULL, 
	fingerprint VARCHAR NOT NULL, 
	rule_id VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	reason TEXT NOT NULL, 
	created_by VARCHAR, 
	created_at DATETIME NOT NULL, 
	undone_by VARCHAR, 
	undone_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(site_id) REFERENCES sites (id)
);
CREATE TABLE findings (
	id INTEGER NOT NULL, 
	scan_id INTEGER NOT NULL, 
	page_id INTEGER NOT NULL, 
	rule_id VARCHAR NOT NULL, 
	outcome VARCHAR NOT NULL, 
	impact VARCHAR, 
	wcag JSON, 
	selector TEXT, 
	html TEXT, 
	message TEXT, 
	help TEXT, 
	help_url VARCHAR, 
	source VARCHAR, 
	fingerprint VARCHAR NOT NULL, 
	checks JSON, 
	PRIMARY KEY (id), 
	FOREIGN KEY(scan_id) REFERENCES scans (id) ON DELETE CASCADE, 
	FOREIGN KEY(page_id) REFERENCES pages (id) ON DELETE CASCADE
);
INSERT INTO "findings" VALUES(1,1,3,'wza-form-label','failed','critical','["1.3.1", "3.3.2", "4.1.2"]','html > body > header > div:nth-of-type(2) > form > input','<input type="text" name="q" class="search-input">','','Form fields must have labels','','wuzhangai','46fe098d332ef9e2','[{"id": "no_label", "data": {}}]');
INSERT INTO "findings" VALUES(2,1,3,'wza-link-name','failed','serious','["2.4.4", "4.1.2"]','html > body > a:nth-of-type(2)','<a href="#main" class="to-top"><svg aria-hidden="true" width="24" height="24" viewbox="0 0 24 24"><path d="M4 16 L12 6 L20 16 Z" fill="#fff"></path></svg></a>','','Links must have discernible text','','wuzhangai','31469776e7abc528','[{"id": "no_name", "data": {}}]');
CREATE TABLE frontier (
	id INTEGER NOT NULL, 
	scan_id INTEGER NOT NULL, 
	url VARCHAR NOT NULL, 
	url_key VARCHAR NOT NULL, 
	depth INTEGER NOT NULL, 
	referrer VARCHAR, 
	source VARCHAR NOT NULL, 
	state VARCHAR NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_frontier_scan_key UNIQUE (scan_id, url_key), 
	FOREIGN KEY(scan_id) REFERENCES scans (id) ON DELETE CASCADE
);
INSERT INTO "frontier" VALUES(1,1,'http://127.0.0.1:40789/','http://127.0.0.1:40789/',0,NULL,'start','done');
INSERT INTO "frontier" VALUES(2,1,'http://127.0.0.1:40789/guide/index.html','http://127.0.0.1:40789/guide',0,NULL,'sitemap','done');
INSERT INTO "frontier" VALUES(3,1,'http://127.0.0.1:40789/guide/disability-card.html','http://127.0.0.1:40789/guide/disability-card.html',0,NULL,'sitemap','done');
INSERT INTO "frontier" VALUES(4,1,'http://127.0.0.1:40789/guide/barrier-free-renovation.html','http://127.0.0.1:40789/guide/barrier-free-renovation.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(5,1,'http://127.0.0.1:40789/form/apply.html','http://127.0.0.1:40789/form/apply.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(6,1,'http://127.0.0.1:40789/search/index.html','http://127.0.0.1:40789/search',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(7,1,'http://127.0.0.1:40789/about/index.html','http://127.0.0.1:40789/about',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(8,1,'http://127.0.0.1:40789/about/contact.html','http://127.0.0.1:40789/about/contact.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(9,1,'http://127.0.0.1:40789/accessibility.html','http://127.0.0.1:40789/accessibility.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(10,1,'http://127.0.0.1:40789/news/index.html','http://127.0.0.1:40789/news',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(11,1,'http://127.0.0.1:40789/news/2023-12-archive.html','http://127.0.0.1:40789/news/2023-12-archive.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(12,1,'http://127.0.0.1:40789/news/2024-03-photo.html','http://127.0.0.1:40789/news/2024-03-photo.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(13,1,'http://127.0.0.1:40789/news/2024-04-meeting.html','http://127.0.0.1:40789/news/2024-04-meeting.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(14,1,'http://127.0.0.1:40789/news/2024-05-policy.html','http://127.0.0.1:40789/news/2024-05-policy.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(15,1,'http://127.0.0.1:40789/news/2024-06-volunteer.html','http://127.0.0.1:40789/news/2024-06-volunteer.html',0,NULL,'sitemap','queued');
INSERT INTO "frontier" VALUES(16,1,'http://127.0.0.1:40789/admin/index.html','http://127.0.0.1:40789/admin',1,'http://127.0.0.1:40789/','link','skipped');
INSERT INTO "frontier" VALUES(17,1,'http://127.0.0.1:40789/old-guide.html','http://127.0.0.1:40789/old-guide.html',1,'http://127.0.0.1:40789/','link','queued');
CREATE TABLE geo_features (
	id INTEGER NOT NULL, 
	layer_id INTEGER NOT NULL, 
	code VARCHAR(40), 
	name TEXT, 
	properties TEXT NOT NULL, 
	geometry_wkb BLOB NOT NULL, 
	min_lon FLOAT NOT NULL, 
	min_lat FLOAT NOT NULL, 
	max_lon FLOAT NOT NULL, 
	max_lat FLOAT NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(layer_id) REFERENCES geo_layers (id) ON DELETE CASCADE
);
CREATE TABLE geo_layers (
	id INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	source_path TEXT NOT NULL, 
	source_crs TEXT NOT NULL, 
	feature_count INTEGER NOT NULL, 
	repaired_count INTEGER NOT NULL, 
	dropped_count INTEGER NOT NULL, 
	loaded_at VARCHAR(40) NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_geo_layer_kind_name UNIQUE (kind, name)
);
CREATE TABLE issues (
	id INTEGER NOT NULL, 
	scan_id INTEGER NOT NULL, 
	fingerprint VARCHAR NOT NULL, 
	rule_id VARCHAR NOT NULL, 
	outcome VARCHAR NOT NULL, 
	impact VARCHAR, 
	wcag JSON, 
	selector TEXT, 
	html TEXT, 
	help TEXT, 
	help_url VARCHAR, 
	source VARCHAR, 
	pages JSON, 
	page_count INTEGER, 
	node_count INTEGER, 
	priority FLOAT, 
	dismissal_id INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(scan_id) REFERENCES scans (id) ON DELETE CASCADE
);
INSERT INTO "issues" VALUES(1,1,'46fe098d332ef9e2','wza-form-label','failed','critical','["1.3.1", "3.3.2", "4.1.2"]','html > body > header > div:nth-of-type(2) > form > input','<input type="text" name="q" class="search-input">','Form fields must have labels','','wuzhangai','["http://127.0.0.1:40789/"]',1,1,10.0,NULL);
INSERT INTO "issues" VALUES(2,1,'31469776e7abc528','wza-link-name','failed','serious','["2.4.4", "4.1.2"]','html > body > a:nth-of-type(2)','<a href="#main" class="to-top"><svg aria-hidden="true" width="24" height="24" viewbox="0 0 24 24"><path d="M4 16 L12 6 L20 16 Z" fill="#fff"></path></svg></a>','Links must have discernible text','','wuzhangai','["http://127.0.0.1:40789/"]',1,1,7.0,NULL);
CREATE TABLE jobs (
	id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	site_id INTEGER NOT NULL, 
	scan_id INTEGER, 
	state VARCHAR NOT NULL, 
	params JSON NOT NULL, 
	requested_by VARCHAR, 
	schedule_id INTEGER, 
	created_at DATETIME NOT NULL, 
	started_at DATETIME, 
	finished_at DATETIME, 
	heartbeat_at DATETIME, 
	worker VARCHAR, 
	error TEXT, 
	cancel_requested BOOLEAN NOT NULL, 
	cancelled_by VARCHAR, 
	PRIMARY KEY (id), 
	FOREIGN KEY(site_id) REFERENCES sites (id) ON DELETE CASCADE, 
	FOREIGN KEY(scan_id) REFERENCES scans (id) ON DELETE SET NULL
);
CREATE TABLE pages (
	id INTEGER NOT NULL, 
	scan_id INTEGER NOT NULL, 
	url VARCHAR NOT NULL, 
	final_url VARCHAR, 
	depth INTEGER, 
	referrer VARCHAR, 
	status INTEGER, 
	content_type VARCHAR, 
	title TEXT, 
	lang VARCHAR, 
	redirects JSON, 
	load_ms FLOAT, 
	axe_ms FLOAT, 
	total_ms FLOAT, 
	element_count INTEGER, 
	attempts INTEGER, 
	error VARCHAR, 
	error_detail TEXT, 
	duplicate_of VARCHAR, 
	score FLOAT, 
	net_score FLOAT, 
	counts JSON, 
	rule_outcomes JSON, 
	rule_impacts JSON, 
	notes JSON, 
	artifact JSON, 
	artifacts JSON, 
	mode VARCHAR, 
	etag VARCHAR, 
	last_modified VARCHAR, 
	body_sha256 VARCHAR, 
	carried_from INTEGER, 
	PRIMARY KEY (id), 
	FOREIGN KEY(scan_id) REFERENCES scans (id) ON DELETE CASCADE
);
INSERT INTO "pages" VALUES(1,1,'http://127.0.0.1:40789/guide/index.html','http://127.0.0.1:40789/guide/index.html',0,NULL,200,'text/html; charset=utf-8','办事指南 - 江汉区人民政府（示例）','zh-CN','[]',8.30068699997355,NULL,8.30068699997355,NULL,1,NULL,NULL,NULL,100.0,100.0,'{"violations": 0, "incomplete": 0, "passes": 10, "inapplicable": 2}','{"wza-document-title": "passed", "wza-elder-mode-entry": "inapplicable", "wza-form-label": "passed", "wza-frame-title": "inapplicable", "wza-heading-order": "passed", "wza-html-lang": "passed", "wza-identical-link-names": "passed", "wza-img-alt": "passed", "wza-link-name": "passed", "wza-link-text-descriptive": "passed", "wza-page-has-heading": "passed", "wza-viewport-zoom": "passed"}','{"wza-document-title": "serious", "wza-elder-mode-entry": "moderate", "wza-form-label": "critical", "wza-frame-title": "serious", "wza-heading-order": "moderate", "wza-html-lang": "serious", "wza-identical-link-names": "minor", "wza-img-alt": "critical", "wza-link-name": "serious", "wza-link-text-descriptive": "moderate", "wza-page-has-heading": "moderate", "wza-viewport-zoom": "serious"}','null',NULL,'{"dom": {"url": "http://127.0.0.1:40789/guide/index.html", "html": "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\u529e\u4e8b\u6307\u5357 - \u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\uff08\u793a\u4f8b\uff09</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">\u8df3\u5230\u4e3b\u8981\u5185\u5bb9</a>\n<div class=\"sample-banner\">\u793a\u4f8b\u7f51\u7ad9 \u00b7 \u5185\u5bb9\u5747\u4e3a\u865a\u6784\uff0c\u4ec5\u7528\u4e8e wuzhangai \u65e0\u969c\u788d\u68c0\u6d4b\u6f14\u793a / Sample site with fictional content</div>\n<header class=\"site-header tpl-2024\">\n  <div class=\"top-bar\">\n    <span class=\"top-date\">\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\u95e8\u6237\u7f51\u7ad9\uff08\u793a\u4f8b\uff09</span>\n    <span class=\"top-links\"><a href=\"/accessibility.html\" class=\"a11y-entry\">\u65e0\u969c\u788d</a>\n    <a href=\"/accessibility.html\" class=\"elder-entry\">\u957f\u8005\u6a21\u5f0f</a></span>\n  </div>\n  <div class=\"brand\">\n    <a href=\"/index.html\" class=\"logo\"><img src=\"/images/logo.svg\" alt=\"\" width=\"56\" height=\"56\"><span class=\"site-name\">\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\uff08\u793a\u4f8b\uff09</span></a>\n    <form class=\"header-search\" action=\"/search/index.html\" method=\"get\" role=\"search\"><label for=\"site-q\" class=\"sr-only\">\u7ad9\u5185\u641c\u7d22</label><input type=\"search\" id=\"site-q\" name=\"q\" class=\"search-input\"><button type=\"submit\">\u641c\u7d22</button></form>\n  </div>\n  <nav class=\"main-nav\" aria-label=\"\u4e3b\u5bfc\u822a\"><ul><li><a href=\"/index.html\">\u9996\u9875</a></li><li><a href=\"/news/index.html\">\u65b0\u95fb\u52a8\u6001</a></li><li><a href=\"/guide/index.html\" aria-current=\"page\">\u529e\u4e8b\u6307\u5357</a></li><li><a href=\"/form/apply.html\">\u5728\u7ebf\u7533\u8bf7</a></li><li><a href=\"/about/index.html\">\u653f\u52a1\u516c\u5f00</a></li><li><a href=\"/about/contact.html\">\u8054\u7cfb\u6211\u4eec</a></li></ul></nav>\n</header>\n<main id=\"main\" class=\"content\">\n\n<nav class=\"breadcrumb\" aria-label=\"\u5f53\u524d\u4f4d\u7f6e\"><ol><li><a href=\"/index.html\">\u9996\u9875</a></li><li aria-current=\"page\">\u529e\u4e8b\u6307\u5357</li></ol></nav>\n<h1>\u529e\u4e8b\u6307\u5357</h1>\n<p>\u4ee5\u4e0b\u4e3a\u6b8b\u75be\u4eba\u670d\u52a1\u76f8\u5173\u4e8b\u9879\u7684\u529e\u4e8b\u6307\u5357\uff08\u793a\u4f8b\uff09\u3002</p>\n<ul class=\"guide-list\">\n<li><a href=\"/guide/disability-card.html\">\u6b8b\u75be\u4eba\u8bc1\u529e\u7406\uff08\u65b0\u529e\u3001\u6362\u9886\u3001\u8fc1\u79fb\uff09</a></li>\n<li><a href=\"/guide/barrier-free-renovation.html\">\u56f0\u96be\u6b8b\u75be\u4eba\u5bb6\u5ead\u65e0\u969c\u788d\u6539\u9020\u8865\u8d34\u7533\u8bf7</a></li>\n</ul>\n<p>\u4e5f\u53ef\u4ee5\u76f4\u63a5<a href=\"/form/apply.html\">\u5728\u7ebf\u7533\u8bf7</a>\u3002</p>\n\n</main>\n<footer class=\"site-footer\">\n  <ul class=\"footer-links\">\n    <li><a href=\"/about/index.html\">\u5173\u4e8e\u672c\u7ad9</a></li><li><a href=\"/accessibility.html\">\u65e0\u969c\u788d\u8bf4\u660e</a></li>\n    <li><a href=\"/about/contact.html\">\u8054\u7cfb\u6211\u4eec</a></li><li><a href=\"/search/index.html\">\u7ad9\u5185\u641c\u7d22</a></li>\n  </ul>\n  <p>\u4e3b\u529e\uff1a\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\u529e\u516c\u5ba4\uff08\u793a\u4f8b\uff09 \u627f\u529e\uff1a\u6c5f\u6c49\u533a\u653f\u52a1\u670d\u52a1\u548c\u5927\u6570\u636e\u7ba1\u7406\u5c40\uff08\u793a\u4f8b\uff09</p>\n  <p>\u5730\u5740\uff1a\u6b66\u6c49\u5e02\u6c5f\u6c49\u533a\u793a\u4f8b\u8def 1 \u53f7 \u90ae\u7f16\uff1a430000 \u7535\u8bdd\uff1a027-00000000\uff08\u865a\u6784\uff09</p>\n  <p><span class=\"site-code\">\u7f51\u7ad9\u6807\u8bc6\u7801\uff1a4201030000\uff08\u793a\u4f8b\uff09</span>\n     <span class=\"icp\">\u9102ICP\u590700000000\u53f7-1\uff08\u793a\u4f8b\uff09</span>\n     <span class=\"gongan\">\u9102\u516c\u7f51\u5b89\u5907 42010300000000\u53f7\uff08\u793a\u4f8b\uff09</span></p>\n  <p class=\"sample-note\">\u672c\u7f51\u7ad9\u4e3a\u793a\u4f8b\u7f51\u7ad9\uff0c\u5185\u5bb9\u865a\u6784\uff0c\u4e0d\u4ee3\u8868\u4efb\u4f55\u653f\u5e9c\u673a\u5173\u3002Sample site for accessibility testing; not a real government website.</p>\n</footer>\n\n</body>\n</html>\n"}}','static',NULL,NULL,'dd867a5fa686fa3b2f1c80b867e561f8f61469755990e71068db3554eb8d5833',NULL);
INSERT INTO "pages" VALUES(2,1,'http://127.0.0.1:40789/admin/index.html',NULL,1,'http://127.0.0.1:40789/',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,0,'robots','robots.txt Disallow',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'none',NULL,NULL,NULL,NULL);
INSERT INTO "pages" VALUES(3,1,'http://127.0.0.1:40789/','http://127.0.0.1:40789/',0,NULL,200,'text/html; charset=utf-8','首页 - 江汉区人民政府（示例）','zh-CN','[]',9.78387999998631130438e+00,NULL,9.78387999998631130438e+00,NULL,1,NULL,NULL,NULL,72.1311475409836,72.1311475409836,'{"violations": 2, "incomplete": 0, "passes": 9, "inapplicable": 1}','{"wza-document-title": "passed", "wza-elder-mode-entry": "passed", "wza-form-label": "failed", "wza-frame-title": "inapplicable", "wza-heading-order": "passed", "wza-html-lang": "passed", "wza-identical-link-names": "passed", "wza-img-alt": "passed", "wza-link-name": "failed", "wza-link-text-descriptive": "passed", "wza-page-has-heading": "passed", "wza-viewport-zoom": "passed"}','{"wza-document-title": "serious", "wza-elder-mode-entry": "moderate", "wza-form-label": "critical", "wza-frame-title": "serious", "wza-heading-order": "moderate", "wza-html-lang": "serious", "wza-identical-link-names": "minor", "wza-img-alt": "critical", "wza-link-name": "serious", "wza-link-text-descriptive": "moderate", "wza-page-has-heading": "moderate", "wza-viewport-zoom": "serious"}','null',NULL,'{"dom": {"url": "http://127.0.0.1:40789/", "html": "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\u9996\u9875 - \u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\uff08\u793a\u4f8b\uff09</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">\u8df3\u5230\u4e3b\u8981\u5185\u5bb9</a>\n<div class=\"sample-banner\">\u793a\u4f8b\u7f51\u7ad9 \u00b7 \u5185\u5bb9\u5747\u4e3a\u865a\u6784\uff0c\u4ec5\u7528\u4e8e wuzhangai \u65e0\u969c\u788d\u68c0\u6d4b\u6f14\u793a / Sample site with fictional content</div>\n<header class=\"site-header tpl-2019\">\n  <div class=\"top-bar\">\n    <span class=\"top-date\">\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\u95e8\u6237\u7f51\u7ad9\uff08\u793a\u4f8b\uff09</span>\n    <span class=\"top-links\"><a href=\"/accessibility.html\" class=\"a11y-entry\">\u65e0\u969c\u788d</a>\n    <a href=\"/accessibility.html\" class=\"elder-entry\">\u957f\u8005\u6a21\u5f0f</a></span>\n  </div>\n  <div class=\"brand\">\n    <a href=\"/index.html\" class=\"logo\"><img src=\"/images/logo.svg\" alt=\"\" width=\"56\" height=\"56\"><span class=\"site-name\">\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\uff08\u793a\u4f8b\uff09</span></a>\n    <form class=\"header-search\" action=\"/search/index.html\" method=\"get\" role=\"search\"><input type=\"text\" name=\"q\" class=\"search-input\"><button type=\"submit\">\u641c\u7d22</button></form>\n  </div>\n  <nav class=\"main-nav\" aria-label=\"\u4e3b\u5bfc\u822a\"><ul><li><a href=\"/index.html\" aria-current=\"page\">\u9996\u9875</a></li><li><a href=\"/news/index.html\">\u65b0\u95fb\u52a8\u6001</a></li><li><a href=\"/guide/index.html\">\u529e\u4e8b\u6307\u5357</a></li><li><a href=\"/form/apply.html\">\u5728\u7ebf\u7533\u8bf7</a></li><li><a href=\"/about/index.html\">\u653f\u52a1\u516c\u5f00</a></li><li><a href=\"/about/contact.html\">\u8054\u7cfb\u6211\u4eec</a></li></ul></nav>\n</header>\n<main id=\"main\" class=\"content\">\n\n<h1 class=\"sr-only\">\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\uff08\u793a\u4f8b\uff09\u9996\u9875</h1>\n<section class=\"banner\" aria-labelledby=\"banner-h\">\n  <h2 id=\"banner-h\">\u805a\u7126\uff1a\u65e0\u969c\u788d\u73af\u5883\u5efa\u8bbe</h2>\n  <p><a href=\"/news/2024-04-meeting.html?utm_source=homepage&amp;utm_medium=banner\">\u533a\u6b8b\u8054\u53ec\u5f002024\u5e74\u65e0\u969c\u788d\u73af\u5883\u5efa\u8bbe\u63a8\u8fdb\u4f1a</a></p>\n</section>\n<div class=\"a11y-toolbar\">\n  <span id=\"font-label\">\u5b57\u53f7\u8c03\u8282</span>\n  <div class=\"font-slider\" role=\"slider\" tabindex=\"0\" aria-labelledby=\"font-label\" aria-valuemin=\"12\" aria-valuemax=\"24\"><span class=\"thumb\">A</span></div>\n</div>\n<div class=\"columns\">\n<section aria-labelledby=\"news-h\"><h2 id=\"news-h\">\u8981\u95fb\u52a8\u6001</h2>\n<ul class=\"news-list\"><li><a href=\"/news/2024-03-photo.html\">\u6c5f\u6c49\u533a\u5f00\u5c55\u201c\u52a9\u6b8b\u65e5\u201d\u65e0\u969c\u788d\u8bbe\u65bd\u4f53\u9a8c\u6d3b\u52a8</a><span class=\"date\">2024-03-18</span></li><li><a href=\"/news/2024-04-meeting.html\">\u533a\u6b8b\u8054\u53ec\u5f002024\u5e74\u65e0\u969c\u788d\u73af\u5883\u5efa\u8bbe\u63a8\u8fdb\u4f1a</a><span class=\"date\">2024-04-09</span></li><li><a href=\"/news/2024-05-policy.html\">\u300a\u6c5f\u6c49\u533a\u65e0\u969c\u788d\u73af\u5883\u5efa\u8bbe\u5b9e\u65bd\u65b9\u6848\uff08\u793a\u4f8b\uff09\u300b\u653f\u7b56\u89e3\u8bfb</a><span class=\"date\">2024-05-20</span></li><li><a href=\"/news/2024-06-volunteer.html\">\u793e\u533a\u5fd7\u613f\u8005\u4e3a\u89c6\u969c\u5c45\u6c11\u63d0\u4f9b\u201c\u70b9\u5bf9\u70b9\u201d\u51fa\u884c\u670d\u52a1</a><span class=\"date\">2024-06-12</span></li></ul>\n<p><a href=\"/news/index.html\">\u66f4\u591a\u65b0\u95fb</a></p></section>\n<section aria-labelledby=\"service-h\"><h2 id=\"service-h\">\u529e\u4e8b\u670d\u52a1</h2>\n<ul class=\"service-grid\">\n<li><a href=\"/guide/disability-card.html\">\u6b8b\u75be\u4eba\u8bc1\u529e\u7406</a></li>\n<li><a href=\"/guide/disability-card.html#materials\">\u6b8b\u75be\u4eba\u8bc1\u7533\u8bf7\u6750\u6599\u6e05\u5355</a></li>\n<li><a href=\"/guide/barrier-free-renovation.html\">\u5bb6\u5ead\u65e0\u969c\u788d\u6539\u9020\u8865\u8d34</a></li>\n<li><a href=\"/form/apply.html\">\u5728\u7ebf\u7533\u8bf7</a></li>\n<li><a href=\"/guide/index.html\">\u5168\u90e8\u529e\u4e8b\u6307\u5357</a></li>\n<li><a href=\"/old-guide.html\">\u529e\u4e8b\u6307\u5357\uff08\u65e7\u7248\u5165\u53e3\uff09</a></li>\n<li><a href=\"/admin/index.html\">\u7f51\u7ad9\u7ba1\u7406</a></li>\n</ul></section>\n</div>\n<section aria-labelledby=\"streets-h\"><h2 id=\"streets-h\">\u8857\u9053\u4fbf\u6c11\u670d\u52a1\u4e2d\u5fc3</h2>\n<table class=\"data\">\n<caption>\u6c5f\u6c49\u533a\u8857\u9053\u7ea7\u5355\u4f4d\u53ca\u529e\u516c\u65f6\u95f4\uff08\u533a\u5212\u4ee3\u7801\u636e\u56fd\u5bb6\u7edf\u8ba1\u5c402023\u5e74\u7edf\u8ba1\u7528\u533a\u5212\u4ee3\u7801\uff09</caption>\n<thead><tr><th scope=\"col\">\u533a\u5212\u4ee3\u7801</th><th scope=\"col\">\u540d\u79f0</th><th scope=\"col\">\u7c7b\u578b</th><th scope=\"col\">\u793e\u533a\u6570</th><th scope=\"col\">\u529e\u516c\u65f6\u95f4</th></tr></thead>\n<tbody>\n<tr><td>420103001</td><td>\u6c11\u65cf\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>5</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103002</td><td>\u82b1\u697c\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>3</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103003</td><td>\u6c34\u5854\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>5</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103004</td><td>\u6c11\u6743\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>6</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103005</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>7</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103006</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>7</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103007</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>8</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103008</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>14</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103009</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>13</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103010</td><td>\u5317\u6e56\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>6</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103011</td><td>\u524d\u8fdb\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>3</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103012</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>12</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103013</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>\u8857\u9053</td><td>20</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103400</td><td>\u6c5f\u6c49\u7ecf\u6d4e\u5f00\u53d1\u533a</td><td>\u7c7b\u4f3c\u4e61\u7ea7\u5355\u4f4d(\u5f00\u53d1\u533a/\u7ba1\u59d4\u4f1a)</td><td>1</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n<tr><td>420103401</td><td>\u6b66\u6c49\u4e2d\u592e\u5546\u52a1\u533a\u7ba1\u7406\u59d4\u5458\u4f1a</td><td>\u7c7b\u4f3c\u4e61\u7ea7\u5355\u4f4d(\u5f00\u53d1\u533a/\u7ba1\u59d4\u4f1a)</td><td>1</td><td>\u5468\u4e00\u81f3\u5468\u4e94 9:00\u201417:00</td></tr>\n</tbody></table></section>\n<section aria-labelledby=\"comm-h\"><h2 id=\"comm-h\">\u793e\u533a\u65e0\u969c\u788d\u670d\u52a1\u7ad9</h2>\n<table class=\"data\">\n<caption>\u5404\u793e\u533a\u670d\u52a1\u7ad9\u4e00\u89c8\uff08\u793a\u4f8b\uff09</caption>\n<thead><tr><th scope=\"col\">\u793e\u533a</th><th scope=\"col\">\u6240\u5c5e\u8857\u9053</th><th scope=\"col\">\u7edf\u8ba1\u7528\u533a\u5212\u4ee3\u7801</th><th scope=\"col\">\u65e0\u969c\u788d\u670d\u52a1</th><th scope=\"col\">\u5f00\u653e\u65f6\u95f4</th></tr></thead>\n<tbody>\n<tr><td>\u4e07\u5e74\u793e\u533a</td><td>\u6c11\u65cf\u8857\u8857\u9053</td><td>420103001002</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6d82\u5bb6\u793e\u533a</td><td>\u6c11\u65cf\u8857\u8857\u9053</td><td>420103001004</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5927\u8463\u793e\u533a</td><td>\u6c11\u65cf\u8857\u8857\u9053</td><td>420103001005</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u548c\u5e73\u793e\u533a</td><td>\u6c11\u65cf\u8857\u8857\u9053</td><td>420103001006</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9f99\u738b\u5e99\u793e\u533a</td><td>\u6c11\u65cf\u8857\u8857\u9053</td><td>420103001007</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4ea4\u901a\u8def\u793e\u533a</td><td>\u82b1\u697c\u8857\u8857\u9053</td><td>420103002001</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c5f\u6c49\u5173\u793e\u533a</td><td>\u82b1\u697c\u8857\u8857\u9053</td><td>420103002002</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u82b1\u697c\u793e\u533a</td><td>\u82b1\u697c\u8857\u8857\u9053</td><td>420103002004</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c38\u5eb7\u793e\u533a</td><td>\u6c34\u5854\u8857\u8857\u9053</td><td>420103003001</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u534e\u4e2d\u793e\u533a</td><td>\u6c34\u5854\u8857\u8857\u9053</td><td>420103003003</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u8001\u752b\u793e\u533a</td><td>\u6c34\u5854\u8857\u8857\u9053</td><td>420103003005</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4e1c\u6c11\u793e\u533a</td><td>\u6c34\u5854\u8857\u8857\u9053</td><td>420103003006</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u524d\u8fdb\u793e\u533a</td><td>\u6c34\u5854\u8857\u8857\u9053</td><td>420103003007</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6253\u94dc\u793e\u533a</td><td>\u6c11\u6743\u8857\u8857\u9053</td><td>420103004001</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4e09\u6c11\u793e\u533a</td><td>\u6c11\u6743\u8857\u8857\u9053</td><td>420103004003</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c11\u751f\u793e\u533a</td><td>\u6c11\u6743\u8857\u8857\u9053</td><td>420103004004</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5927\u9f99\u793e\u533a</td><td>\u6c11\u6743\u8857\u8857\u9053</td><td>420103004005</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4e16\u5f69\u793e\u533a</td><td>\u6c11\u6743\u8857\u8857\u9053</td><td>420103004006</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u738b\u5bb6\u5df7\u793e\u533a</td><td>\u6c11\u6743\u8857\u8857\u9053</td><td>420103004008</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5c0f\u5939\u793e\u533a</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>420103005001</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5927\u5939\u793e\u533a</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>420103005002</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u957f\u5824\u793e\u533a</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>420103005003</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u52e4\u52b3\u793e\u533a</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>420103005005</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u8096\u5bb6\u793e\u533a</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>420103005006</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6e05\u82ac\u793e\u533a</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>420103005007</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4e2d\u5927\u793e\u533a</td><td>\u6ee1\u6625\u8857\u8857\u9053</td><td>420103005008</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u821e\u53f0\u793e\u533a</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>420103006002</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c38\u4e30\u793e\u533a</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>420103006003</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u53cb\u8c0a\u793e\u533a</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>420103006004</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5929\u4ec1\u793e\u533a</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>420103006005</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u591a\u95fb\u793e\u533a</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>420103006006</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5929\u540e\u793e\u533a</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>420103006007</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4ec1\u539a\u793e\u533a</td><td>\u6c11\u610f\u8857\u8857\u9053</td><td>420103006008</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u7701\u8fd0\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007003</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u53d6\u6c34\u697c\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007004</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c5f\u5317\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007005</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5faa\u793c\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007006</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u7cbe\u6b66\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007007</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u65b0\u80b2\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007008</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u90ae\u4e09\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007009</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5355\u6d1e\u793e\u533a</td><td>\u65b0\u534e\u8857\u8857\u9053</td><td>420103007010</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6b66\u5c55\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008001</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u7535\u4e1a\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008003</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u7535\u529b\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008004</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u822a\u7a7a\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008005</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9752\u5e74\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008006</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u767d\u677e\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008007</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9752\u677e\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008008</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u516c\u56ed\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008009</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u822a\u4fa7\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008010</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5999\u58a9\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008011</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u51cc\u4e91\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008012</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u673a\u573a\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008013</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u738b\u5bb6\u58a9\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008014</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4e91\u5929\u793e\u533a</td><td>\u4e07\u677e\u8857\u8857\u9053</td><td>420103008015</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u897f\u6865\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009001</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c7d\u8fd0\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009002</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9999\u6c5f\u65b0\u6751\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009003</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5510\u8521\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009004</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9a6c\u573a\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009005</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u7ad9\u4e1c\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009006</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u65b0\u6751\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009007</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5929\u95e8\u58a9\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009008</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u516b\u53e4\u58a9\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009009</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9648\u5bb6\u58a9\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009010</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4e09\u773c\u6865\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009011</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u91d1\u5bb6\u58a9\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009012</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9ad8\u5bb6\u53f0\u793e\u533a</td><td>\u5510\u5bb6\u58a9\u8857\u8857\u9053</td><td>420103009013</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5fb7\u671b\u793e\u533a</td><td>\u5317\u6e56\u8857\u8857\u9053</td><td>420103010001</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5efa\u8bbe\u793e\u533a</td><td>\u5317\u6e56\u8857\u8857\u9053</td><td>420103010002</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6b63\u8857\u793e\u533a</td><td>\u5317\u6e56\u8857\u8857\u9053</td><td>420103010003</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u73af\u4fdd\u793e\u533a</td><td>\u5317\u6e56\u8857\u8857\u9053</td><td>420103010004</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6a2a\u5824\u793e\u533a</td><td>\u5317\u6e56\u8857\u8857\u9053</td><td>420103010005</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5999\u4e09\u793e\u533a</td><td>\u5317\u6e56\u8857\u8857\u9053</td><td>420103010006</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u71d5\u9a6c\u793e\u533a</td><td>\u524d\u8fdb\u8857\u8857\u9053</td><td>420103011001</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4efb\u51ac\u793e\u533a</td><td>\u524d\u8fdb\u8857\u8857\u9053</td><td>420103011003</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6d4e\u751f\u793e\u533a</td><td>\u524d\u8fdb\u8857\u8857\u9053</td><td>420103011004</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u626c\u5b50\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012001</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u590d\u5174\u6751\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012002</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u8d3a\u5bb6\u58a9\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012003</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u8a79\u5bb6\u58a9\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012004</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5bcc\u8c6a\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012005</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u53d1\u5c55\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012006</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u94f6\u6cb3\u91cc\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012007</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u516b\u8fbe\u91cc\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012008</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u90ac\u5bb6\u58a9\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012009</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5e38\u5b8f\u91cc\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012010</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u4ec1\u548c\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012011</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5fb7\u6da6\u793e\u533a</td><td>\u5e38\u9752\u8857\u8857\u9053</td><td>420103012012</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5e38\u8fdc\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013001</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u534e\u5b89\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013002</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c11\u822a\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013003</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u7389\u5170\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013004</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u7ea2\u6885\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013005</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u65b0\u677e\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013006</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u534e\u82d1\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013007</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u548c\u7965\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013008</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5e38\u4e8c\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013009</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5e38\u4e09\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013010</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5e38\u56db\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013011</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u59d1\u5ac2\u6811\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013012</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6768\u6c4a\u6e56\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013013</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c34\u4ed9\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013014</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u9633\u5149\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013015</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u65b0\u534e\u5bb6\u56ed\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013016</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6c5f\u6c49\u91cc\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013017</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u6843\u6797\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013018</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u65b0\u6e7e\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013019</td><td>\u4e0a\u95e8\u529e\u8bc1\u9884\u7ea6</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u76db\u4e16\u793e\u533a</td><td>\u6c49\u5174\u8857\u8857\u9053</td><td>420103013020</td><td>\u8f6e\u6905\u501f\u7528</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5f00\u53d1\u533a\u865a\u62df\u793e\u533a</td><td>\u6c5f\u6c49\u7ecf\u6d4e\u5f00\u53d1\u533a</td><td>420103400498</td><td>\u52a9\u542c\u5668\u9a8c\u914d\u54a8\u8be2</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n<tr><td>\u5546\u52a1\u533a\u865a\u62df\u793e\u533a</td><td>\u6b66\u6c49\u4e2d\u592e\u5546\u52a1\u533a\u7ba1\u7406\u59d4\u5458\u4f1a</td><td>420103401498</td><td>\u76f2\u6587\u8bfb\u7269\u501f\u9605</td><td>\u5de5\u4f5c\u65e5 8:30\u201417:30</td></tr>\n</tbody></table></section>\n\n</main>\n<footer class=\"site-footer\">\n  <ul class=\"footer-links\">\n    <li><a href=\"/about/index.html\">\u5173\u4e8e\u672c\u7ad9</a></li><li><a href=\"/accessibility.html\">\u65e0\u969c\u788d\u8bf4\u660e</a></li>\n    <li><a href=\"/about/contact.html\">\u8054\u7cfb\u6211\u4eec</a></li><li><a href=\"/search/index.html\">\u7ad9\u5185\u641c\u7d22</a></li>\n  </ul>\n  <p>\u4e3b\u529e\uff1a\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\u529e\u516c\u5ba4\uff08\u793a\u4f8b\uff09 \u627f\u529e\uff1a\u6c5f\u6c49\u533a\u653f\u52a1\u670d\u52a1\u548c\u5927\u6570\u636e\u7ba1\u7406\u5c40\uff08\u793a\u4f8b\uff09</p>\n  <p>\u5730\u5740\uff1a\u6b66\u6c49\u5e02\u6c5f\u6c49\u533a\u793a\u4f8b\u8def 1 \u53f7 \u90ae\u7f16\uff1a430000 \u7535\u8bdd\uff1a027-00000000\uff08\u865a\u6784\uff09</p>\n  <p><span class=\"site-code\">\u7f51\u7ad9\u6807\u8bc6\u7801\uff1a4201030000\uff08\u793a\u4f8b\uff09</span>\n     <span class=\"icp\">\u9102ICP\u590700000000\u53f7-1\uff08\u793a\u4f8b\uff09</span>\n     <span class=\"gongan\">\u9102\u516c\u7f51\u5b89\u5907 42010300000000\u53f7\uff08\u793a\u4f8b\uff09</span></p>\n  <p class=\"sample-note\">\u672c\u7f51\u7ad9\u4e3a\u793a\u4f8b\u7f51\u7ad9\uff0c\u5185\u5bb9\u865a\u6784\uff0c\u4e0d\u4ee3\u8868\u4efb\u4f55\u653f\u5e9c\u673a\u5173\u3002Sample site for accessibility testing; not a real government website.</p>\n</footer>\n<!-- B03: \"back to top\" icon link with no text -->\n<a href=\"#main\" class=\"to-top\"><svg aria-hidden=\"true\" width=\"24\" height=\"24\" viewBox=\"0 0 24 24\"><path d=\"M4 16 L12 6 L20 16 Z\" fill=\"#fff\"/></svg></a>\n</body>\n</html>\n"}}','static',NULL,NULL,'11e2a8d1204cc78cc73b3cfa4e5a0374e845f2a53d7cff23ae25cdfdd2f41335',NULL);
INSERT INTO "pages" VALUES(4,1,'http://127.0.0.1:40789/guide/disability-card.html','http://127.0.0.1:40789/guide/disability-card.html',0,NULL,200,'text/html; charset=utf-8','残疾人证办理 - 办事指南 - 江汉区人民政府（示例）','zh-CN','[]',5.56713799994668079307e+00,NULL,5.56713799994668079307e+00,NULL,1,NULL,NULL,NULL,100.0,100.0,'{"violations": 0, "incomplete": 0, "passes": 10, "inapplicable": 2}','{"wza-document-title": "passed", "wza-elder-mode-entry": "inapplicable", "wza-form-label": "passed", "wza-frame-title": "inapplicable", "wza-heading-order": "passed", "wza-html-lang": "passed", "wza-identical-link-names": "passed", "wza-img-alt": "passed", "wza-link-name": "passed", "wza-link-text-descriptive": "passed", "wza-page-has-heading": "passed", "wza-viewport-zoom": "passed"}','{"wza-document-title": "serious", "wza-elder-mode-entry": "moderate", "wza-form-label": "critical", "wza-frame-title": "serious", "wza-heading-order": "moderate", "wza-html-lang": "serious", "wza-identical-link-names": "minor", "wza-img-alt": "critical", "wza-link-name": "serious", "wza-link-text-descriptive": "moderate", "wza-page-has-heading": "moderate", "wza-viewport-zoom": "serious"}','null',NULL,'{"dom": {"url": "http://127.0.0.1:40789/guide/disability-card.html", "html": "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>\u6b8b\u75be\u4eba\u8bc1\u529e\u7406 - \u529e\u4e8b\u6307\u5357 - \u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\uff08\u793a\u4f8b\uff09</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">\u8df3\u5230\u4e3b\u8981\u5185\u5bb9</a>\n<div class=\"sample-banner\">\u793a\u4f8b\u7f51\u7ad9 \u00b7 \u5185\u5bb9\u5747\u4e3a\u865a\u6784\uff0c\u4ec5\u7528\u4e8e wuzhangai \u65e0\u969c\u788d\u68c0\u6d4b\u6f14\u793a / Sample site with fictional content</div>\n<header class=\"site-header tpl-2024\">\n  <div class=\"top-bar\">\n    <span class=\"top-date\">\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\u95e8\u6237\u7f51\u7ad9\uff08\u793a\u4f8b\uff09</span>\n    <span class=\"top-links\"><a href=\"/accessibility.html\" class=\"a11y-entry\">\u65e0\u969c\u788d</a>\n    <a href=\"/accessibility.html\" class=\"elder-entry\">\u957f\u8005\u6a21\u5f0f</a></span>\n  </div>\n  <div class=\"brand\">\n    <a href=\"/index.html\" class=\"logo\"><img src=\"/images/logo.svg\" alt=\"\" width=\"56\" height=\"56\"><span class=\"site-name\">\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\uff08\u793a\u4f8b\uff09</span></a>\n    <form class=\"header-search\" action=\"/search/index.html\" method=\"get\" role=\"search\"><label for=\"site-q\" class=\"sr-only\">\u7ad9\u5185\u641c\u7d22</label><input type=\"search\" id=\"site-q\" name=\"q\" class=\"search-input\"><button type=\"submit\">\u641c\u7d22</button></form>\n  </div>\n  <nav class=\"main-nav\" aria-label=\"\u4e3b\u5bfc\u822a\"><ul><li><a href=\"/index.html\">\u9996\u9875</a></li><li><a href=\"/news/index.html\">\u65b0\u95fb\u52a8\u6001</a></li><li><a href=\"/guide/index.html\" aria-current=\"page\">\u529e\u4e8b\u6307\u5357</a></li><li><a href=\"/form/apply.html\">\u5728\u7ebf\u7533\u8bf7</a></li><li><a href=\"/about/index.html\">\u653f\u52a1\u516c\u5f00</a></li><li><a href=\"/about/contact.html\">\u8054\u7cfb\u6211\u4eec</a></li></ul></nav>\n</header>\n<main id=\"main\" class=\"content\">\n\n<nav class=\"breadcrumb\" aria-label=\"\u5f53\u524d\u4f4d\u7f6e\"><ol><li><a href=\"/index.html\">\u9996\u9875</a></li><li><a href=\"/guide/index.html\">\u529e\u4e8b\u6307\u5357</a></li><li aria-current=\"page\">\u6b8b\u75be\u4eba\u8bc1\u529e\u7406</li></ol></nav>\n<h1>\u6b8b\u75be\u4eba\u8bc1\u529e\u7406</h1>\n<table class=\"data\">\n<caption>\u4e8b\u9879\u57fa\u672c\u4fe1\u606f\uff08\u793a\u4f8b\uff09</caption>\n<tbody>\n<tr><th scope=\"row\">\u529e\u7406\u5bf9\u8c61</th><td>\u6237\u7c4d\u5728\u672c\u533a\u7684\u6b8b\u75be\u4eba</td></tr>\n<tr><th scope=\"row\">\u529e\u7406\u5730\u70b9</th><td>\u6237\u7c4d\u6240\u5728\u8857\u9053\u4fbf\u6c11\u670d\u52a1\u4e2d\u5fc3</td></tr>\n<tr><th scope=\"row\">\u529e\u7406\u65f6\u9650</th><td>\u8bc4\u5b9a\u540e 15 \u4e2a\u5de5\u4f5c\u65e5\u5185\uff08\u793a\u4f8b\uff09</td></tr>\n<tr><th scope=\"row\">\u6536\u8d39\u6807\u51c6</th><td>\u4e0d\u6536\u8d39</td></tr>\n</tbody></table>\n<h2 id=\"materials\">\u7533\u8bf7\u6750\u6599</h2>\n<ol>\n<li>\u5c45\u6c11\u8eab\u4efd\u8bc1\u6216\u6237\u53e3\u7c3f\u539f\u4ef6\uff1b</li>\n<li>\u8fd1\u671f\u514d\u51a0\u5f69\u8272\u8bc1\u4ef6\u7167 2 \u5f20\uff1b</li>\n<li>\u586b\u5199\u5b8c\u6574\u7684<a href=\"/files/disability-card-application.pdf\">\u6b8b\u75be\u4eba\u8bc1\u7533\u8bf7\u8868\uff08PDF\uff0c\u793a\u4f8b\uff09</a>\u3002</li>\n</ol>\n<h2>\u76f8\u5173\u4e0b\u8f7d</h2>\n<ul>\n<li><a href=\"/files/disability-card-application.pdf\">\u6b8b\u75be\u4eba\u8bc1\u7533\u8bf7\u8868\uff08PDF\uff09</a></li>\n<li><a href=\"/files/assistive-devices-catalog.xlsx\">\u8f85\u52a9\u5668\u5177\u9002\u914d\u76ee\u5f55\uff08Excel \u8868\u683c\uff09</a></li>\n</ul>\n<h2>\u529e\u7406\u6d41\u7a0b</h2>\n<ol><li>\u7533\u8bf7\u4eba\u63d0\u4ea4\u6750\u6599\uff1b</li><li>\u8857\u9053\u521d\u5ba1\uff1b</li><li>\u6307\u5b9a\u533b\u9662\u8bc4\u5b9a\uff1b</li><li>\u533a\u6b8b\u8054\u5ba1\u6838\u53d1\u8bc1\u3002</li></ol>\n\n</main>\n<footer class=\"site-footer\">\n  <ul class=\"footer-links\">\n    <li><a href=\"/about/index.html\">\u5173\u4e8e\u672c\u7ad9</a></li><li><a href=\"/accessibility.html\">\u65e0\u969c\u788d\u8bf4\u660e</a></li>\n    <li><a href=\"/about/contact.html\">\u8054\u7cfb\u6211\u4eec</a></li><li><a href=\"/search/index.html\">\u7ad9\u5185\u641c\u7d22</a></li>\n  </ul>\n  <p>\u4e3b\u529e\uff1a\u6c5f\u6c49\u533a\u4eba\u6c11\u653f\u5e9c\u529e\u516c\u5ba4\uff08\u793a\u4f8b\uff09 \u627f\u529e\uff1a\u6c5f\u6c49\u533a\u653f\u52a1\u670d\u52a1\u548c\u5927\u6570\u636e\u7ba1\u7406\u5c40\uff08\u793a\u4f8b\uff09</p>\n  <p>\u5730\u5740\uff1a\u6b66\u6c49\u5e02\u6c5f\u6c49\u533a\u793a\u4f8b\u8def 1 \u53f7 \u90ae\u7f16\uff1a430000 \u7535\u8bdd\uff1a027-00000000\uff08\u865a\u6784\uff09</p>\n  <p><span class=\"site-code\">\u7f51\u7ad9\u6807\u8bc6\u7801\uff1a4201030000\uff08\u793a\u4f8b\uff09</span>\n     <span class=\"icp\">\u9102ICP\u590700000000\u53f7-1\uff08\u793a\u4f8b\uff09</span>\n     <span class=\"gongan\">\u9102\u516c\u7f51\u5b89\u5907 42010300000000\u53f7\uff08\u793a\u4f8b\uff09</span></p>\n  <p class=\"sample-note\">\u672c\u7f51\u7ad9\u4e3a\u793a\u4f8b\u7f51\u7ad9\uff0c\u5185\u5bb9\u865a\u6784\uff0c\u4e0d\u4ee3\u8868\u4efb\u4f55\u653f\u5e9c\u673a\u5173\u3002Sample site for accessibility testing; not a real government website.</p>\n</footer>\n\n</body>\n</html>\n"}}','static',NULL,NULL,'8f9c58286227f3fece4b5aaa482276aad13a57fdab9acbd38e8882b585687f59',NULL);
CREATE TABLE scans (
	id INTEGER NOT NULL, 
	site_id INTEGER, 
	start_urls JSON NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	state VARCHAR NOT NULL, 
	mode VARCHAR NOT NULL, 
	standard VARCHAR NOT NULL, 
	tags JSON NOT NULL, 
	config JSON NOT NULL, 
	axe_version VARCHAR, 
	browser_version VARCHAR, 
	wall_seconds FLOAT, 
	site_score FLOAT, 
	summary JSON, 
	rules_fingerprint VARCHAR, 
	PRIMARY KEY (id), 
	FOREIGN KEY(site_id) REFERENCES sites (id)
);
INSERT INTO "scans" VALUES(1,1,'["http://127.0.0.1:40789//"]','2026-12-01 12:42:47.110173','2026-12-01 12:42:47.246987','finished','static','static','[]','{"crawl": {"start_urls": ["http://127.0.0.1:40789//"], "max_pages": 3, "max_depth": 5, "include": [], "exclude": [], "respect_robots": true, "use_sitemaps": true, "follow_links": true, "concurrency": 2, "per_host": null, "delay": 0.0, "retries": 2, "backoff": 0.5, "user_agent": "Mozilla/5.0 (X11; Linux x86_64) wuzhangai/0.1 accessibility-audit", "fetch_timeout": 15.0, "net_guard": false, "allow_net": []}, "standard": "wcag22aa", "browser": false, "page_timeout": 30.0, "device": null, "recycle_after": 200, "incremental": false, "storage_state": null}',NULL,NULL,1.12135285000022122403e-01,90.7103825136612,NULL,'efe206b7ac1d2815736274617a40ad22');
CREATE TABLE schedules (
	id INTEGER NOT NULL, 
	site_id INTEGER NOT NULL, 
	spec VARCHAR NOT NULL, 
	cron VARCHAR NOT NULL, 
	timezone VARCHAR NOT NULL, 
	enabled BOOLEAN NOT NULL, 
	next_run_at DATETIME, 
	last_run_at DATETIME, 
	"full" BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (site_id), 
	FOREIGN KEY(site_id) REFERENCES sites (id) ON DELETE CASCADE
);
CREATE TABLE settings (
	"key" VARCHAR(100) NOT NULL, 
	value TEXT NOT NULL, 
	updated_at VARCHAR(40) NOT NULL, 
	PRIMARY KEY ("key")
);
CREATE TABLE sites (
	id INTEGER NOT NULL, 
	base_url VARCHAR NOT NULL, 
	name VARCHAR, 
	owner_unit VARCHAR, 
	lon FLOAT, 
	lat FLOAT, 
	start_url VARCHAR, 
	scan_config JSON, 
	PRIMARY KEY (id), 
	UNIQUE (base_url)
);
INSERT INTO "sites" VALUES(1,'http://127.0.0.1:40789','127.0.0.1',NULL,NULL,NULL,NULL,NULL);
CREATE TABLE survey_facilities (
	record_id VARCHAR(200) NOT NULL, 
	facility_type VARCHAR(40) NOT NULL, 
	facility_subtype VARCHAR(60), 
	parent_record_id VARCHAR(200), 
	street_code VARCHAR(12), 
	street_name VARCHAR(60), 
	community_code VARCHAR(12), 
	community_name VARCHAR(60), 
	road_name TEXT, 
	site_name TEXT, 
	site_category VARCHAR(40), 
	building_type VARCHAR(40), 
	build_status VARCHAR(40) NOT NULL, 
	condition VARCHAR(40), 
	is_temporary_issue_bool BOOLEAN, 
	na_reason VARCHAR(40), 
	survey_datetime VARCHAR(40), 
	surveyor_id VARCHAR(80), 
	lon FLOAT, 
	lat FLOAT, 
	source_crs VARCHAR(16), 
	source_lon FLOAT, 
	source_lat FLOAT, 
	crs_assumed BOOLEAN NOT NULL, 
	location_source VARCHAR(40), 
	gnss_accuracy_m FLOAT, 
	altitude_m FLOAT, 
	geometry_wkt TEXT, 
	photos TEXT, 
	notes TEXT, 
	measurements TEXT NOT NULL, 
	import_id INTEGER, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (record_id), 
	FOREIGN KEY(import_id) REFERENCES survey_imports (id)
);
INSERT INTO "survey_facilities" VALUES('SYN-000001','curb_ramp',NULL,NULL,'420103005','满春街街道','420103005002','大夹社区',NULL,'合成场所 1','street',NULL,'existing_or_renovated',NULL,NULL,NULL,'2025-04-08T14:50:00+08:00','S07',114.249166,30.600028,'WGS84',114.249166,30.600028,0,NULL,1.8,NULL,NULL,NULL,NULL,'{"location_context":"intersection_corner","has_curb_ramp_bool":true,"ramp_type":"full_width_single_slope","running_slope_ratio":0.0407,"ramp_width_m":2.23,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":1086.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":false,"bollard_clear_spacing_mm":1072.0,"has_warning_tactile_bool":true,"warning_tactile_setback_mm":256.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":true}',1,'2026-12-01 12:42:48.572409+00:00');
INSERT INTO "survey_facilities" VALUES('SYN-000002','curb_ramp',NULL,NULL,'420103003','水塔街街道','420103003001','永康社区',NULL,'合成场所 2','street',NULL,'existing_or_renovated',NULL,NULL,NULL,'2025-06-08T11:56:00+08:00','S01',114.241749,30.5992,'WGS84',114.241749,30.5992,0,NULL,3.8,NULL,NULL,NULL,NULL,'{"location_context":"midblock_crosswalk","has_curb_ramp_bool":true,"ramp_type":"full_width_single_slope","running_slope_ratio":0.0202,"flare_slope_ratio":0.0366,"ramp_width_m":1.74,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":1001.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":false,"bollard_clear_spacing_mm":1227.0,"warning_tactile_setback_mm":230.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":true}',1,'2026-12-01 12:42:48.572409+00:00');
INSERT INTO "survey_facilities" VALUES('SYN-000004','curb_ramp',NULL,NULL,'420103013','汉兴街街道','420103013005','红梅里社区',NULL,'合成场所 4','residential',NULL,'existing_or_renovated',NULL,NULL,NULL,'2025-04-16T13:31:00+08:00','S02',114.237905,30.608766,'WGS84',114.237905,30.608766,0,NULL,1.7,NULL,NULL,NULL,NULL,'{"location_context":"midblock_crosswalk","ramp_type":"full_width_single_slope","running_slope_ratio":0.0356,"flare_slope_ratio":0.0632,"ramp_width_m":1.74,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":970.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":true,"bollard_clear_spacing_mm":1156.0,"has_warning_tactile_bool":true,"warning_tactile_setback_mm":257.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":false}',1,'2026-12-01 12:42:48.572409+00:00');
INSERT INTO "survey_facilities" VALUES('SYN-000005','curb_ramp',NULL,NULL,'420103012','常青街街道','420103012011','仁和社区',NULL,'合成场所 5','street',NULL,'existing_or_renovated',NULL,NULL,NULL,'2025-05-17T15:40:00+08:00','S08',114.274681,30.583969,'WGS84',114.274681,30.583969,0,NULL,1.2,NULL,NULL,NULL,NULL,'{"location_context":"intersection_corner","has_curb_ramp_bool":true,"ramp_type":"full_width_single_slope","running_slope_ratio":0.0397,"flare_slope_ratio":0.0476,"ramp_width_m":1.8,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":1321.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":true,"bollard_clear_spacing_mm":1306.0,"has_warning_tactile_bool":true,"warning_tactile_setback_mm":254.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":true}',1,'2026-12-01 12:42:48.572409+00:00');
INSERT INTO "survey_facilities" VALUES('SYN-000003','tactile_paving','bus_stop',NULL,'420103007','新华街街道','420103007005','江北社区',NULL,'合成场所 3','hospital',NULL,'existing_or_renovated',NULL,NULL,NULL,'2025-04-09T09:37:00+08:00','S03',114.247138,30.632448,'WGS84',114.247138,30.632448,0,NULL,5.3,NULL,NULL,NULL,NULL,'{"tactile_kind":"warning","street_class":"arterial","has_tactile_path_bool":true,"is_continuous_bool":true,"gap_length_m":844.84,"is_obstructed_bool":false,"obstruction_type":"construction","has_contrast_with_adjacent_paving_bool":true,"colour":"yellow","directional_width_mm":305.0,"warning_wider_than_directional_bool":true,"has_warning_at_start_end_turns_bool":false,"has_tree_pits_bool":true,"setback_from_kerb_mm":423.0,"tactile_level_vs_kerb":"below_kerb_top","setback_from_wall_planter_mm":384.0,"setback_from_tree_pit_mm":352.0,"relief_height_mm":4.0,"surface_slip_resistant_bool":false,"directional_follows_sidewalk_bool":true,"connects_to_entrance_tactile_bool":true,"bus_stop_warning_setback_mm":406.0}',1,'2026-12-01 12:42:48.572409+00:00');
CREATE TABLE survey_imports (
	id INTEGER NOT NULL, 
	imported_at DATETIME NOT NULL, 
	sources TEXT NOT NULL, 
	default_crs VARCHAR(16), 
	rows_read INTEGER NOT NULL, 
	rows_rejected INTEGER NOT NULL, 
	records_created INTEGER NOT NULL, 
	records_updated INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "survey_imports" VALUES(1,'2026-12-01 12:42:48.571305','[{"name": "few.csv", "sha256": "af6ffa9fca48da3e75803f81970f26736d1fcab5e9e833188c9db6cb5fb085ad", "rows": 5, "kind": "csv", "encoding": "utf-8", "sheets": []}]',NULL,5,0,5,0);
CREATE TABLE survey_uploads (
	id INTEGER NOT NULL, 
	received_at DATETIME NOT NULL, 
	user_name VARCHAR NOT NULL, 
	original_name VARCHAR NOT NULL, 
	stored_name VARCHAR NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	size INTEGER NOT NULL, 
	crs VARCHAR, 
	skip_invalid INTEGER NOT NULL, 
	outcome VARCHAR NOT NULL, 
	import_id INTEGER, 
	rows_read INTEGER, 
	rows_rejected INTEGER, 
	records_created INTEGER, 
	records_updated INTEGER, 
	problem_count INTEGER, 
	rejects_name VARCHAR, 
	report JSON, 
	report_name VARCHAR, 
	PRIMARY KEY (id)
);
CREATE TABLE users (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	password_hash VARCHAR, 
	disabled BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_login_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
CREATE INDEX ix_geo_layers_kind ON geo_layers (kind);
CREATE INDEX ix_audit_at ON audit_log (at);
CREATE INDEX ix_dismissals_site ON dismissals (site_id, fingerprint);
CREATE INDEX ix_survey_facilities_street_code ON survey_facilities (street_code);
CREATE INDEX ix_survey_facilities_parent_record_id ON survey_facilities (parent_record_id);
CREATE INDEX ix_survey_facilities_community_code ON survey_facilities (community_code);
CREATE INDEX ix_survey_facilities_facility_type ON survey_facilities (facility_type);
CREATE INDEX ix_geo_features_layer_id ON geo_features (layer_id);
CREATE INDEX ix_pages_scan ON pages (scan_id);
CREATE INDEX ix_issues_scan ON issues (scan_id);
CREATE INDEX ix_jobs_state ON jobs (state, id);
CREATE INDEX ix_jobs_site ON jobs (site_id, id);
CREATE INDEX ix_alert_deliveries_scan ON alert_deliveries (scan_id);
CREATE INDEX ix_findings_page ON findings (page_id);
CREATE INDEX ix_findings_scan ON findings (scan_id);
COMMIT;
