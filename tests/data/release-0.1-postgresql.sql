--
-- PostgreSQL database dump
--

\restrict EiiEAj2dToMpOlzVbJnS8pc4B43p4bHdyZw22FnpnN9yac9YPjAwxLkvhu55dzO

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: alert_deliveries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alert_deliveries (
    id integer NOT NULL,
    scan_id integer NOT NULL,
    channel character varying NOT NULL,
    target text NOT NULL,
    ok boolean NOT NULL,
    status character varying,
    error text,
    sent_at timestamp with time zone NOT NULL
);


--
-- Name: alert_deliveries_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.alert_deliveries_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: alert_deliveries_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.alert_deliveries_id_seq OWNED BY public.alert_deliveries.id;


--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_tokens (
    id integer NOT NULL,
    user_id integer NOT NULL,
    token_sha256 character varying NOT NULL,
    label character varying,
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    revoked boolean NOT NULL
);


--
-- Name: api_tokens_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.api_tokens_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: api_tokens_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.api_tokens_id_seq OWNED BY public.api_tokens.id;


--
-- Name: attachments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attachments (
    id integer NOT NULL,
    scan_id integer NOT NULL,
    url character varying NOT NULL,
    kind character varying,
    size integer,
    content_type character varying,
    status integer,
    found_on json
);


--
-- Name: attachments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.attachments_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: attachments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.attachments_id_seq OWNED BY public.attachments.id;


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    user_name character varying,
    action character varying NOT NULL,
    target character varying,
    detail json,
    client character varying,
    outcome character varying NOT NULL
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;


--
-- Name: dismissals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.dismissals (
    id integer NOT NULL,
    site_id integer NOT NULL,
    fingerprint character varying NOT NULL,
    rule_id character varying NOT NULL,
    kind character varying NOT NULL,
    reason text NOT NULL,
    created_by character varying,
    created_at timestamp with time zone NOT NULL,
    undone_by character varying,
    undone_at timestamp with time zone
);


--
-- Name: dismissals_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.dismissals_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: dismissals_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.dismissals_id_seq OWNED BY public.dismissals.id;


--
-- Name: findings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.findings (
    id integer NOT NULL,
    scan_id integer NOT NULL,
    page_id integer NOT NULL,
    rule_id character varying NOT NULL,
    outcome character varying NOT NULL,
    impact character varying,
    wcag json,
    selector text,
    html text,
    message text,
    help text,
    help_url character varying,
    source character varying,
    fingerprint character varying NOT NULL,
    checks json
);


--
-- Name: findings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.findings_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: findings_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.findings_id_seq OWNED BY public.findings.id;


--
-- Name: frontier; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.frontier (
    id integer NOT NULL,
    scan_id integer NOT NULL,
    url character varying NOT NULL,
    url_key character varying NOT NULL,
    depth integer NOT NULL,
    referrer character varying,
    source character varying NOT NULL,
    state character varying NOT NULL
);


--
-- Name: frontier_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.frontier_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: frontier_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.frontier_id_seq OWNED BY public.frontier.id;


--
-- Name: geo_features; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.geo_features (
    id integer NOT NULL,
    layer_id integer NOT NULL,
    code character varying(40),
    name text,
    properties text NOT NULL,
    geometry_wkb bytea NOT NULL,
    min_lon double precision NOT NULL,
    min_lat double precision NOT NULL,
    max_lon double precision NOT NULL,
    max_lat double precision NOT NULL
);


--
-- Name: geo_features_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.geo_features_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: geo_features_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.geo_features_id_seq OWNED BY public.geo_features.id;


--
-- Name: geo_layers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.geo_layers (
    id integer NOT NULL,
    kind character varying(20) NOT NULL,
    name character varying(200) NOT NULL,
    source_path text NOT NULL,
    source_crs text NOT NULL,
    feature_count integer NOT NULL,
    repaired_count integer NOT NULL,
    dropped_count integer NOT NULL,
    loaded_at character varying(40) NOT NULL
);


--
-- Name: geo_layers_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.geo_layers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: geo_layers_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.geo_layers_id_seq OWNED BY public.geo_layers.id;


--
-- Name: issues; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.issues (
    id integer NOT NULL,
    scan_id integer NOT NULL,
    fingerprint character varying NOT NULL,
    rule_id character varying NOT NULL,
    outcome character varying NOT NULL,
    impact character varying,
    wcag json,
    selector text,
    html text,
    help text,
    help_url character varying,
    source character varying,
    pages json,
    page_count integer,
    node_count integer,
    priority double precision,
    dismissal_id integer
);


--
-- Name: issues_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.issues_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: issues_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.issues_id_seq OWNED BY public.issues.id;


--
-- Name: jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.jobs (
    id integer NOT NULL,
    kind character varying NOT NULL,
    site_id integer NOT NULL,
    scan_id integer,
    state character varying NOT NULL,
    params json NOT NULL,
    requested_by character varying,
    schedule_id integer,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    heartbeat_at timestamp with time zone,
    worker character varying,
    error text,
    cancel_requested boolean NOT NULL,
    cancelled_by character varying
);


--
-- Name: jobs_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.jobs_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: jobs_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.jobs_id_seq OWNED BY public.jobs.id;


--
-- Name: pages; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.pages (
    id integer NOT NULL,
    scan_id integer NOT NULL,
    url character varying NOT NULL,
    final_url character varying,
    depth integer,
    referrer character varying,
    status integer,
    content_type character varying,
    title text,
    lang character varying,
    redirects json,
    load_ms double precision,
    axe_ms double precision,
    total_ms double precision,
    element_count integer,
    attempts integer,
    error character varying,
    error_detail text,
    duplicate_of character varying,
    score double precision,
    net_score double precision,
    counts json,
    rule_outcomes json,
    rule_impacts json,
    notes json,
    artifact json,
    artifacts json,
    mode character varying,
    etag character varying,
    last_modified character varying,
    body_sha256 character varying,
    carried_from integer
);


--
-- Name: pages_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.pages_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: pages_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.pages_id_seq OWNED BY public.pages.id;


--
-- Name: scans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scans (
    id integer NOT NULL,
    site_id integer,
    start_urls json NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    state character varying NOT NULL,
    mode character varying NOT NULL,
    standard character varying NOT NULL,
    tags json NOT NULL,
    config json NOT NULL,
    axe_version character varying,
    browser_version character varying,
    wall_seconds double precision,
    site_score double precision,
    summary json,
    rules_fingerprint character varying
);


--
-- Name: scans_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.scans_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: scans_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.scans_id_seq OWNED BY public.scans.id;


--
-- Name: schedules; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schedules (
    id integer NOT NULL,
    site_id integer NOT NULL,
    spec character varying NOT NULL,
    cron character varying NOT NULL,
    timezone character varying NOT NULL,
    enabled boolean NOT NULL,
    next_run_at timestamp with time zone,
    last_run_at timestamp with time zone,
    "full" boolean NOT NULL
);


--
-- Name: schedules_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.schedules_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: schedules_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.schedules_id_seq OWNED BY public.schedules.id;


--
-- Name: settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.settings (
    key character varying(100) NOT NULL,
    value text NOT NULL,
    updated_at character varying(40) NOT NULL
);


--
-- Name: sites; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sites (
    id integer NOT NULL,
    base_url character varying NOT NULL,
    name character varying,
    owner_unit character varying,
    lon double precision,
    lat double precision,
    start_url character varying,
    scan_config json
);


--
-- Name: sites_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.sites_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: sites_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.sites_id_seq OWNED BY public.sites.id;


--
-- Name: survey_facilities; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.survey_facilities (
    record_id character varying(200) NOT NULL,
    facility_type character varying(40) NOT NULL,
    facility_subtype character varying(60),
    parent_record_id character varying(200),
    street_code character varying(12),
    street_name character varying(60),
    community_code character varying(12),
    community_name character varying(60),
    road_name text,
    site_name text,
    site_category character varying(40),
    building_type character varying(40),
    build_status character varying(40) NOT NULL,
    condition character varying(40),
    is_temporary_issue_bool boolean,
    na_reason character varying(40),
    survey_datetime character varying(40),
    surveyor_id character varying(80),
    lon double precision,
    lat double precision,
    source_crs character varying(16),
    source_lon double precision,
    source_lat double precision,
    crs_assumed boolean NOT NULL,
    location_source character varying(40),
    gnss_accuracy_m double precision,
    altitude_m double precision,
    geometry_wkt text,
    photos text,
    notes text,
    measurements text NOT NULL,
    import_id integer,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: survey_imports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.survey_imports (
    id integer NOT NULL,
    imported_at timestamp with time zone NOT NULL,
    sources text NOT NULL,
    default_crs character varying(16),
    rows_read integer NOT NULL,
    rows_rejected integer NOT NULL,
    records_created integer NOT NULL,
    records_updated integer NOT NULL
);


--
-- Name: survey_imports_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.survey_imports_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: survey_imports_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.survey_imports_id_seq OWNED BY public.survey_imports.id;


--
-- Name: survey_uploads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.survey_uploads (
    id integer NOT NULL,
    received_at timestamp with time zone NOT NULL,
    user_name character varying NOT NULL,
    original_name character varying NOT NULL,
    stored_name character varying NOT NULL,
    sha256 character varying NOT NULL,
    size integer NOT NULL,
    crs character varying,
    skip_invalid integer NOT NULL,
    outcome character varying NOT NULL,
    import_id integer,
    rows_read integer,
    rows_rejected integer,
    records_created integer,
    records_updated integer,
    problem_count integer,
    rejects_name character varying,
    report json,
    report_name character varying
);


--
-- Name: survey_uploads_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.survey_uploads_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: survey_uploads_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.survey_uploads_id_seq OWNED BY public.survey_uploads.id;


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id integer NOT NULL,
    name character varying NOT NULL,
    role character varying NOT NULL,
    password_hash character varying,
    disabled boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_login_at timestamp with time zone
);


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.users_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: alert_deliveries id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_deliveries ALTER COLUMN id SET DEFAULT nextval('public.alert_deliveries_id_seq'::regclass);


--
-- Name: api_tokens id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens ALTER COLUMN id SET DEFAULT nextval('public.api_tokens_id_seq'::regclass);


--
-- Name: attachments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments ALTER COLUMN id SET DEFAULT nextval('public.attachments_id_seq'::regclass);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);


--
-- Name: dismissals id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dismissals ALTER COLUMN id SET DEFAULT nextval('public.dismissals_id_seq'::regclass);


--
-- Name: findings id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findings ALTER COLUMN id SET DEFAULT nextval('public.findings_id_seq'::regclass);


--
-- Name: frontier id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.frontier ALTER COLUMN id SET DEFAULT nextval('public.frontier_id_seq'::regclass);


--
-- Name: geo_features id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.geo_features ALTER COLUMN id SET DEFAULT nextval('public.geo_features_id_seq'::regclass);


--
-- Name: geo_layers id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.geo_layers ALTER COLUMN id SET DEFAULT nextval('public.geo_layers_id_seq'::regclass);


--
-- Name: issues id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.issues ALTER COLUMN id SET DEFAULT nextval('public.issues_id_seq'::regclass);


--
-- Name: jobs id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs ALTER COLUMN id SET DEFAULT nextval('public.jobs_id_seq'::regclass);


--
-- Name: pages id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pages ALTER COLUMN id SET DEFAULT nextval('public.pages_id_seq'::regclass);


--
-- Name: scans id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scans ALTER COLUMN id SET DEFAULT nextval('public.scans_id_seq'::regclass);


--
-- Name: schedules id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedules ALTER COLUMN id SET DEFAULT nextval('public.schedules_id_seq'::regclass);


--
-- Name: sites id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sites ALTER COLUMN id SET DEFAULT nextval('public.sites_id_seq'::regclass);


--
-- Name: survey_imports id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_imports ALTER COLUMN id SET DEFAULT nextval('public.survey_imports_id_seq'::regclass);


--
-- Name: survey_uploads id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_uploads ALTER COLUMN id SET DEFAULT nextval('public.survey_uploads_id_seq'::regclass);


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


--
-- Data for Name: alert_deliveries; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.alert_deliveries (id, scan_id, channel, target, ok, status, error, sent_at) FROM stdin;
\.


--
-- Data for Name: api_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.api_tokens (id, user_id, token_sha256, label, created_at, last_used_at, revoked) FROM stdin;
\.


--
-- Data for Name: attachments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.attachments (id, scan_id, url, kind, size, content_type, status, found_on) FROM stdin;
1	1	http://127.0.0.1:35901/files/disability-card-application.pdf	pdf	151305	application/pdf	200	["http://127.0.0.1:35901/guide/disability-card.html"]
2	1	http://127.0.0.1:35901/files/assistive-devices-catalog.xlsx	xlsx	5293	application/vnd.openxmlformats-officedocument.spreadsheetml.sheet	200	["http://127.0.0.1:35901/guide/disability-card.html"]
\.


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_log (id, at, user_name, action, target, detail, client, outcome) FROM stdin;
\.


--
-- Data for Name: dismissals; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.dismissals (id, site_id, fingerprint, rule_id, kind, reason, created_by, created_at, undone_by, undone_at) FROM stdin;
\.


--
-- Data for Name: findings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.findings (id, scan_id, page_id, rule_id, outcome, impact, wcag, selector, html, message, help, help_url, source, fingerprint, checks) FROM stdin;
1	1	2	wza-form-label	failed	critical	["1.3.1", "3.3.2", "4.1.2"]	html > body > header > div:nth-of-type(2) > form > input	<input type="text" name="q" class="search-input">		Form fields must have labels		wuzhangai	46fe098d332ef9e2	[{"id": "no_label", "data": {}}]
2	1	2	wza-link-name	failed	serious	["2.4.4", "4.1.2"]	html > body > a:nth-of-type(2)	<a href="#main" class="to-top"><svg aria-hidden="true" width="24" height="24" viewbox="0 0 24 24"><path d="M4 16 L12 6 L20 16 Z" fill="#fff"></path></svg></a>		Links must have discernible text		wuzhangai	31469776e7abc528	[{"id": "no_name", "data": {}}]
\.


--
-- Data for Name: frontier; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.frontier (id, scan_id, url, url_key, depth, referrer, source, state) FROM stdin;
4	1	http://127.0.0.1:35901/guide/barrier-free-renovation.html	http://127.0.0.1:35901/guide/barrier-free-renovation.html	0	\N	sitemap	queued
5	1	http://127.0.0.1:35901/form/apply.html	http://127.0.0.1:35901/form/apply.html	0	\N	sitemap	queued
6	1	http://127.0.0.1:35901/search/index.html	http://127.0.0.1:35901/search	0	\N	sitemap	queued
7	1	http://127.0.0.1:35901/about/index.html	http://127.0.0.1:35901/about	0	\N	sitemap	queued
8	1	http://127.0.0.1:35901/about/contact.html	http://127.0.0.1:35901/about/contact.html	0	\N	sitemap	queued
9	1	http://127.0.0.1:35901/accessibility.html	http://127.0.0.1:35901/accessibility.html	0	\N	sitemap	queued
10	1	http://127.0.0.1:35901/news/index.html	http://127.0.0.1:35901/news	0	\N	sitemap	queued
11	1	http://127.0.0.1:35901/news/2023-12-archive.html	http://127.0.0.1:35901/news/2023-12-archive.html	0	\N	sitemap	queued
12	1	http://127.0.0.1:35901/news/2024-03-photo.html	http://127.0.0.1:35901/news/2024-03-photo.html	0	\N	sitemap	queued
13	1	http://127.0.0.1:35901/news/2024-04-meeting.html	http://127.0.0.1:35901/news/2024-04-meeting.html	0	\N	sitemap	queued
14	1	http://127.0.0.1:35901/news/2024-05-policy.html	http://127.0.0.1:35901/news/2024-05-policy.html	0	\N	sitemap	queued
15	1	http://127.0.0.1:35901/news/2024-06-volunteer.html	http://127.0.0.1:35901/news/2024-06-volunteer.html	0	\N	sitemap	queued
16	1	http://127.0.0.1:35901/admin/index.html	http://127.0.0.1:35901/admin	1	http://127.0.0.1:35901/	link	skipped
1	1	http://127.0.0.1:35901/	http://127.0.0.1:35901/	0	\N	start	done
17	1	http://127.0.0.1:35901/old-guide.html	http://127.0.0.1:35901/old-guide.html	1	http://127.0.0.1:35901/	link	queued
2	1	http://127.0.0.1:35901/guide/index.html	http://127.0.0.1:35901/guide	0	\N	sitemap	done
3	1	http://127.0.0.1:35901/guide/disability-card.html	http://127.0.0.1:35901/guide/disability-card.html	0	\N	sitemap	done
\.


--
-- Data for Name: geo_features; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.geo_features (id, layer_id, code, name, properties, geometry_wkb, min_lon, min_lat, max_lon, max_lat) FROM stdin;
\.


--
-- Data for Name: geo_layers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.geo_layers (id, kind, name, source_path, source_crs, feature_count, repaired_count, dropped_count, loaded_at) FROM stdin;
\.


--
-- Data for Name: issues; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.issues (id, scan_id, fingerprint, rule_id, outcome, impact, wcag, selector, html, help, help_url, source, pages, page_count, node_count, priority, dismissal_id) FROM stdin;
1	1	46fe098d332ef9e2	wza-form-label	failed	critical	["1.3.1", "3.3.2", "4.1.2"]	html > body > header > div:nth-of-type(2) > form > input	<input type="text" name="q" class="search-input">	Form fields must have labels		wuzhangai	["http://127.0.0.1:35901/"]	1	1	10	\N
2	1	31469776e7abc528	wza-link-name	failed	serious	["2.4.4", "4.1.2"]	html > body > a:nth-of-type(2)	<a href="#main" class="to-top"><svg aria-hidden="true" width="24" height="24" viewbox="0 0 24 24"><path d="M4 16 L12 6 L20 16 Z" fill="#fff"></path></svg></a>	Links must have discernible text		wuzhangai	["http://127.0.0.1:35901/"]	1	1	7	\N
\.


--
-- Data for Name: jobs; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.jobs (id, kind, site_id, scan_id, state, params, requested_by, schedule_id, created_at, started_at, finished_at, heartbeat_at, worker, error, cancel_requested, cancelled_by) FROM stdin;
\.


--
-- Data for Name: pages; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.pages (id, scan_id, url, final_url, depth, referrer, status, content_type, title, lang, redirects, load_ms, axe_ms, total_ms, element_count, attempts, error, error_detail, duplicate_of, score, net_score, counts, rule_outcomes, rule_impacts, notes, artifact, artifacts, mode, etag, last_modified, body_sha256, carried_from) FROM stdin;
1	1	http://127.0.0.1:35901/admin/index.html	\N	1	http://127.0.0.1:35901/	\N	\N	\N	\N	\N	\N	\N	\N	\N	0	robots	robots.txt Disallow	\N	\N	\N	\N	\N	\N	\N	\N	\N	none	\N	\N	\N	\N
2	1	http://127.0.0.1:35901/	http://127.0.0.1:35901/	0	\N	200	text/html; charset=utf-8	首页 - 江汉区人民政府（示例）	zh-CN	[]	8.209682000028806	\N	8.209682000028806	\N	1	\N	\N	\N	72.1311475409836	72.1311475409836	{"violations": 2, "incomplete": 0, "passes": 9, "inapplicable": 1}	{"wza-document-title": "passed", "wza-elder-mode-entry": "passed", "wza-form-label": "failed", "wza-frame-title": "inapplicable", "wza-heading-order": "passed", "wza-html-lang": "passed", "wza-identical-link-names": "passed", "wza-img-alt": "passed", "wza-link-name": "failed", "wza-link-text-descriptive": "passed", "wza-page-has-heading": "passed", "wza-viewport-zoom": "passed"}	{"wza-document-title": "serious", "wza-elder-mode-entry": "moderate", "wza-form-label": "critical", "wza-frame-title": "serious", "wza-heading-order": "moderate", "wza-html-lang": "serious", "wza-identical-link-names": "minor", "wza-img-alt": "critical", "wza-link-name": "serious", "wza-link-text-descriptive": "moderate", "wza-page-has-heading": "moderate", "wza-viewport-zoom": "serious"}	null	\N	{"dom": {"url": "http://127.0.0.1:35901/", "html": "<!DOCTYPE html>\\n<html lang=\\"zh-CN\\">\\n<head>\\n<meta charset=\\"utf-8\\">\\n<meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\">\\n<title>\\u9996\\u9875 - \\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\uff08\\u793a\\u4f8b\\uff09</title>\\n<link rel=\\"stylesheet\\" href=\\"/static/site.css\\">\\n</head>\\n<body>\\n<a class=\\"skip-link\\" href=\\"#main\\">\\u8df3\\u5230\\u4e3b\\u8981\\u5185\\u5bb9</a>\\n<div class=\\"sample-banner\\">\\u793a\\u4f8b\\u7f51\\u7ad9 \\u00b7 \\u5185\\u5bb9\\u5747\\u4e3a\\u865a\\u6784\\uff0c\\u4ec5\\u7528\\u4e8e wuzhangai \\u65e0\\u969c\\u788d\\u68c0\\u6d4b\\u6f14\\u793a / Sample site with fictional content</div>\\n<header class=\\"site-header tpl-2019\\">\\n  <div class=\\"top-bar\\">\\n    <span class=\\"top-date\\">\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\u95e8\\u6237\\u7f51\\u7ad9\\uff08\\u793a\\u4f8b\\uff09</span>\\n    <span class=\\"top-links\\"><a href=\\"/accessibility.html\\" class=\\"a11y-entry\\">\\u65e0\\u969c\\u788d</a>\\n    <a href=\\"/accessibility.html\\" class=\\"elder-entry\\">\\u957f\\u8005\\u6a21\\u5f0f</a></span>\\n  </div>\\n  <div class=\\"brand\\">\\n    <a href=\\"/index.html\\" class=\\"logo\\"><img src=\\"/images/logo.svg\\" alt=\\"\\" width=\\"56\\" height=\\"56\\"><span class=\\"site-name\\">\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\uff08\\u793a\\u4f8b\\uff09</span></a>\\n    <form class=\\"header-search\\" action=\\"/search/index.html\\" method=\\"get\\" role=\\"search\\"><input type=\\"text\\" name=\\"q\\" class=\\"search-input\\"><button type=\\"submit\\">\\u641c\\u7d22</button></form>\\n  </div>\\n  <nav class=\\"main-nav\\" aria-label=\\"\\u4e3b\\u5bfc\\u822a\\"><ul><li><a href=\\"/index.html\\" aria-current=\\"page\\">\\u9996\\u9875</a></li><li><a href=\\"/news/index.html\\">\\u65b0\\u95fb\\u52a8\\u6001</a></li><li><a href=\\"/guide/index.html\\">\\u529e\\u4e8b\\u6307\\u5357</a></li><li><a href=\\"/form/apply.html\\">\\u5728\\u7ebf\\u7533\\u8bf7</a></li><li><a href=\\"/about/index.html\\">\\u653f\\u52a1\\u516c\\u5f00</a></li><li><a href=\\"/about/contact.html\\">\\u8054\\u7cfb\\u6211\\u4eec</a></li></ul></nav>\\n</header>\\n<main id=\\"main\\" class=\\"content\\">\\n\\n<h1 class=\\"sr-only\\">\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\uff08\\u793a\\u4f8b\\uff09\\u9996\\u9875</h1>\\n<section class=\\"banner\\" aria-labelledby=\\"banner-h\\">\\n  <h2 id=\\"banner-h\\">\\u805a\\u7126\\uff1a\\u65e0\\u969c\\u788d\\u73af\\u5883\\u5efa\\u8bbe</h2>\\n  <p><a href=\\"/news/2024-04-meeting.html?utm_source=homepage&amp;utm_medium=banner\\">\\u533a\\u6b8b\\u8054\\u53ec\\u5f002024\\u5e74\\u65e0\\u969c\\u788d\\u73af\\u5883\\u5efa\\u8bbe\\u63a8\\u8fdb\\u4f1a</a></p>\\n</section>\\n<div class=\\"a11y-toolbar\\">\\n  <span id=\\"font-label\\">\\u5b57\\u53f7\\u8c03\\u8282</span>\\n  <div class=\\"font-slider\\" role=\\"slider\\" tabindex=\\"0\\" aria-labelledby=\\"font-label\\" aria-valuemin=\\"12\\" aria-valuemax=\\"24\\"><span class=\\"thumb\\">A</span></div>\\n</div>\\n<div class=\\"columns\\">\\n<section aria-labelledby=\\"news-h\\"><h2 id=\\"news-h\\">\\u8981\\u95fb\\u52a8\\u6001</h2>\\n<ul class=\\"news-list\\"><li><a href=\\"/news/2024-03-photo.html\\">\\u6c5f\\u6c49\\u533a\\u5f00\\u5c55\\u201c\\u52a9\\u6b8b\\u65e5\\u201d\\u65e0\\u969c\\u788d\\u8bbe\\u65bd\\u4f53\\u9a8c\\u6d3b\\u52a8</a><span class=\\"date\\">2024-03-18</span></li><li><a href=\\"/news/2024-04-meeting.html\\">\\u533a\\u6b8b\\u8054\\u53ec\\u5f002024\\u5e74\\u65e0\\u969c\\u788d\\u73af\\u5883\\u5efa\\u8bbe\\u63a8\\u8fdb\\u4f1a</a><span class=\\"date\\">2024-04-09</span></li><li><a href=\\"/news/2024-05-policy.html\\">\\u300a\\u6c5f\\u6c49\\u533a\\u65e0\\u969c\\u788d\\u73af\\u5883\\u5efa\\u8bbe\\u5b9e\\u65bd\\u65b9\\u6848\\uff08\\u793a\\u4f8b\\uff09\\u300b\\u653f\\u7b56\\u89e3\\u8bfb</a><span class=\\"date\\">2024-05-20</span></li><li><a href=\\"/news/2024-06-volunteer.html\\">\\u793e\\u533a\\u5fd7\\u613f\\u8005\\u4e3a\\u89c6\\u969c\\u5c45\\u6c11\\u63d0\\u4f9b\\u201c\\u70b9\\u5bf9\\u70b9\\u201d\\u51fa\\u884c\\u670d\\u52a1</a><span class=\\"date\\">2024-06-12</span></li></ul>\\n<p><a href=\\"/news/index.html\\">\\u66f4\\u591a\\u65b0\\u95fb</a></p></section>\\n<section aria-labelledby=\\"service-h\\"><h2 id=\\"service-h\\">\\u529e\\u4e8b\\u670d\\u52a1</h2>\\n<ul class=\\"service-grid\\">\\n<li><a href=\\"/guide/disability-card.html\\">\\u6b8b\\u75be\\u4eba\\u8bc1\\u529e\\u7406</a></li>\\n<li><a href=\\"/guide/disability-card.html#materials\\">\\u6b8b\\u75be\\u4eba\\u8bc1\\u7533\\u8bf7\\u6750\\u6599\\u6e05\\u5355</a></li>\\n<li><a href=\\"/guide/barrier-free-renovation.html\\">\\u5bb6\\u5ead\\u65e0\\u969c\\u788d\\u6539\\u9020\\u8865\\u8d34</a></li>\\n<li><a href=\\"/form/apply.html\\">\\u5728\\u7ebf\\u7533\\u8bf7</a></li>\\n<li><a href=\\"/guide/index.html\\">\\u5168\\u90e8\\u529e\\u4e8b\\u6307\\u5357</a></li>\\n<li><a href=\\"/old-guide.html\\">\\u529e\\u4e8b\\u6307\\u5357\\uff08\\u65e7\\u7248\\u5165\\u53e3\\uff09</a></li>\\n<li><a href=\\"/admin/index.html\\">\\u7f51\\u7ad9\\u7ba1\\u7406</a></li>\\n</ul></section>\\n</div>\\n<section aria-labelledby=\\"streets-h\\"><h2 id=\\"streets-h\\">\\u8857\\u9053\\u4fbf\\u6c11\\u670d\\u52a1\\u4e2d\\u5fc3</h2>\\n<table class=\\"data\\">\\n<caption>\\u6c5f\\u6c49\\u533a\\u8857\\u9053\\u7ea7\\u5355\\u4f4d\\u53ca\\u529e\\u516c\\u65f6\\u95f4\\uff08\\u533a\\u5212\\u4ee3\\u7801\\u636e\\u56fd\\u5bb6\\u7edf\\u8ba1\\u5c402023\\u5e74\\u7edf\\u8ba1\\u7528\\u533a\\u5212\\u4ee3\\u7801\\uff09</caption>\\n<thead><tr><th scope=\\"col\\">\\u533a\\u5212\\u4ee3\\u7801</th><th scope=\\"col\\">\\u540d\\u79f0</th><th scope=\\"col\\">\\u7c7b\\u578b</th><th scope=\\"col\\">\\u793e\\u533a\\u6570</th><th scope=\\"col\\">\\u529e\\u516c\\u65f6\\u95f4</th></tr></thead>\\n<tbody>\\n<tr><td>420103001</td><td>\\u6c11\\u65cf\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>5</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103002</td><td>\\u82b1\\u697c\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>3</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103003</td><td>\\u6c34\\u5854\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>5</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103004</td><td>\\u6c11\\u6743\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>6</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103005</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>7</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103006</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>7</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103007</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>8</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103008</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>14</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103009</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>13</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103010</td><td>\\u5317\\u6e56\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>6</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103011</td><td>\\u524d\\u8fdb\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>3</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103012</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>12</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103013</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>\\u8857\\u9053</td><td>20</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103400</td><td>\\u6c5f\\u6c49\\u7ecf\\u6d4e\\u5f00\\u53d1\\u533a</td><td>\\u7c7b\\u4f3c\\u4e61\\u7ea7\\u5355\\u4f4d(\\u5f00\\u53d1\\u533a/\\u7ba1\\u59d4\\u4f1a)</td><td>1</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n<tr><td>420103401</td><td>\\u6b66\\u6c49\\u4e2d\\u592e\\u5546\\u52a1\\u533a\\u7ba1\\u7406\\u59d4\\u5458\\u4f1a</td><td>\\u7c7b\\u4f3c\\u4e61\\u7ea7\\u5355\\u4f4d(\\u5f00\\u53d1\\u533a/\\u7ba1\\u59d4\\u4f1a)</td><td>1</td><td>\\u5468\\u4e00\\u81f3\\u5468\\u4e94 9:00\\u201417:00</td></tr>\\n</tbody></table></section>\\n<section aria-labelledby=\\"comm-h\\"><h2 id=\\"comm-h\\">\\u793e\\u533a\\u65e0\\u969c\\u788d\\u670d\\u52a1\\u7ad9</h2>\\n<table class=\\"data\\">\\n<caption>\\u5404\\u793e\\u533a\\u670d\\u52a1\\u7ad9\\u4e00\\u89c8\\uff08\\u793a\\u4f8b\\uff09</caption>\\n<thead><tr><th scope=\\"col\\">\\u793e\\u533a</th><th scope=\\"col\\">\\u6240\\u5c5e\\u8857\\u9053</th><th scope=\\"col\\">\\u7edf\\u8ba1\\u7528\\u533a\\u5212\\u4ee3\\u7801</th><th scope=\\"col\\">\\u65e0\\u969c\\u788d\\u670d\\u52a1</th><th scope=\\"col\\">\\u5f00\\u653e\\u65f6\\u95f4</th></tr></thead>\\n<tbody>\\n<tr><td>\\u4e07\\u5e74\\u793e\\u533a</td><td>\\u6c11\\u65cf\\u8857\\u8857\\u9053</td><td>420103001002</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6d82\\u5bb6\\u793e\\u533a</td><td>\\u6c11\\u65cf\\u8857\\u8857\\u9053</td><td>420103001004</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5927\\u8463\\u793e\\u533a</td><td>\\u6c11\\u65cf\\u8857\\u8857\\u9053</td><td>420103001005</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u548c\\u5e73\\u793e\\u533a</td><td>\\u6c11\\u65cf\\u8857\\u8857\\u9053</td><td>420103001006</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9f99\\u738b\\u5e99\\u793e\\u533a</td><td>\\u6c11\\u65cf\\u8857\\u8857\\u9053</td><td>420103001007</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4ea4\\u901a\\u8def\\u793e\\u533a</td><td>\\u82b1\\u697c\\u8857\\u8857\\u9053</td><td>420103002001</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c5f\\u6c49\\u5173\\u793e\\u533a</td><td>\\u82b1\\u697c\\u8857\\u8857\\u9053</td><td>420103002002</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u82b1\\u697c\\u793e\\u533a</td><td>\\u82b1\\u697c\\u8857\\u8857\\u9053</td><td>420103002004</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c38\\u5eb7\\u793e\\u533a</td><td>\\u6c34\\u5854\\u8857\\u8857\\u9053</td><td>420103003001</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u534e\\u4e2d\\u793e\\u533a</td><td>\\u6c34\\u5854\\u8857\\u8857\\u9053</td><td>420103003003</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u8001\\u752b\\u793e\\u533a</td><td>\\u6c34\\u5854\\u8857\\u8857\\u9053</td><td>420103003005</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4e1c\\u6c11\\u793e\\u533a</td><td>\\u6c34\\u5854\\u8857\\u8857\\u9053</td><td>420103003006</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u524d\\u8fdb\\u793e\\u533a</td><td>\\u6c34\\u5854\\u8857\\u8857\\u9053</td><td>420103003007</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6253\\u94dc\\u793e\\u533a</td><td>\\u6c11\\u6743\\u8857\\u8857\\u9053</td><td>420103004001</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4e09\\u6c11\\u793e\\u533a</td><td>\\u6c11\\u6743\\u8857\\u8857\\u9053</td><td>420103004003</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c11\\u751f\\u793e\\u533a</td><td>\\u6c11\\u6743\\u8857\\u8857\\u9053</td><td>420103004004</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5927\\u9f99\\u793e\\u533a</td><td>\\u6c11\\u6743\\u8857\\u8857\\u9053</td><td>420103004005</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4e16\\u5f69\\u793e\\u533a</td><td>\\u6c11\\u6743\\u8857\\u8857\\u9053</td><td>420103004006</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u738b\\u5bb6\\u5df7\\u793e\\u533a</td><td>\\u6c11\\u6743\\u8857\\u8857\\u9053</td><td>420103004008</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5c0f\\u5939\\u793e\\u533a</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>420103005001</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5927\\u5939\\u793e\\u533a</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>420103005002</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u957f\\u5824\\u793e\\u533a</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>420103005003</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u52e4\\u52b3\\u793e\\u533a</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>420103005005</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u8096\\u5bb6\\u793e\\u533a</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>420103005006</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6e05\\u82ac\\u793e\\u533a</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>420103005007</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4e2d\\u5927\\u793e\\u533a</td><td>\\u6ee1\\u6625\\u8857\\u8857\\u9053</td><td>420103005008</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u821e\\u53f0\\u793e\\u533a</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>420103006002</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c38\\u4e30\\u793e\\u533a</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>420103006003</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u53cb\\u8c0a\\u793e\\u533a</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>420103006004</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5929\\u4ec1\\u793e\\u533a</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>420103006005</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u591a\\u95fb\\u793e\\u533a</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>420103006006</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5929\\u540e\\u793e\\u533a</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>420103006007</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4ec1\\u539a\\u793e\\u533a</td><td>\\u6c11\\u610f\\u8857\\u8857\\u9053</td><td>420103006008</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u7701\\u8fd0\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007003</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u53d6\\u6c34\\u697c\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007004</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c5f\\u5317\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007005</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5faa\\u793c\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007006</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u7cbe\\u6b66\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007007</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u65b0\\u80b2\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007008</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u90ae\\u4e09\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007009</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5355\\u6d1e\\u793e\\u533a</td><td>\\u65b0\\u534e\\u8857\\u8857\\u9053</td><td>420103007010</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6b66\\u5c55\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008001</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u7535\\u4e1a\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008003</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u7535\\u529b\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008004</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u822a\\u7a7a\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008005</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9752\\u5e74\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008006</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u767d\\u677e\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008007</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9752\\u677e\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008008</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u516c\\u56ed\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008009</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u822a\\u4fa7\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008010</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5999\\u58a9\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008011</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u51cc\\u4e91\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008012</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u673a\\u573a\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008013</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u738b\\u5bb6\\u58a9\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008014</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4e91\\u5929\\u793e\\u533a</td><td>\\u4e07\\u677e\\u8857\\u8857\\u9053</td><td>420103008015</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u897f\\u6865\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009001</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c7d\\u8fd0\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009002</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9999\\u6c5f\\u65b0\\u6751\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009003</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5510\\u8521\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009004</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9a6c\\u573a\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009005</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u7ad9\\u4e1c\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009006</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u65b0\\u6751\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009007</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5929\\u95e8\\u58a9\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009008</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u516b\\u53e4\\u58a9\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009009</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9648\\u5bb6\\u58a9\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009010</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4e09\\u773c\\u6865\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009011</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u91d1\\u5bb6\\u58a9\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009012</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9ad8\\u5bb6\\u53f0\\u793e\\u533a</td><td>\\u5510\\u5bb6\\u58a9\\u8857\\u8857\\u9053</td><td>420103009013</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5fb7\\u671b\\u793e\\u533a</td><td>\\u5317\\u6e56\\u8857\\u8857\\u9053</td><td>420103010001</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5efa\\u8bbe\\u793e\\u533a</td><td>\\u5317\\u6e56\\u8857\\u8857\\u9053</td><td>420103010002</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6b63\\u8857\\u793e\\u533a</td><td>\\u5317\\u6e56\\u8857\\u8857\\u9053</td><td>420103010003</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u73af\\u4fdd\\u793e\\u533a</td><td>\\u5317\\u6e56\\u8857\\u8857\\u9053</td><td>420103010004</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6a2a\\u5824\\u793e\\u533a</td><td>\\u5317\\u6e56\\u8857\\u8857\\u9053</td><td>420103010005</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5999\\u4e09\\u793e\\u533a</td><td>\\u5317\\u6e56\\u8857\\u8857\\u9053</td><td>420103010006</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u71d5\\u9a6c\\u793e\\u533a</td><td>\\u524d\\u8fdb\\u8857\\u8857\\u9053</td><td>420103011001</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4efb\\u51ac\\u793e\\u533a</td><td>\\u524d\\u8fdb\\u8857\\u8857\\u9053</td><td>420103011003</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6d4e\\u751f\\u793e\\u533a</td><td>\\u524d\\u8fdb\\u8857\\u8857\\u9053</td><td>420103011004</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u626c\\u5b50\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012001</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u590d\\u5174\\u6751\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012002</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u8d3a\\u5bb6\\u58a9\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012003</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u8a79\\u5bb6\\u58a9\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012004</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5bcc\\u8c6a\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012005</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u53d1\\u5c55\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012006</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u94f6\\u6cb3\\u91cc\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012007</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u516b\\u8fbe\\u91cc\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012008</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u90ac\\u5bb6\\u58a9\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012009</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5e38\\u5b8f\\u91cc\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012010</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u4ec1\\u548c\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012011</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5fb7\\u6da6\\u793e\\u533a</td><td>\\u5e38\\u9752\\u8857\\u8857\\u9053</td><td>420103012012</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5e38\\u8fdc\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013001</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u534e\\u5b89\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013002</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c11\\u822a\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013003</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u7389\\u5170\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013004</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u7ea2\\u6885\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013005</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u65b0\\u677e\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013006</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u534e\\u82d1\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013007</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u548c\\u7965\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013008</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5e38\\u4e8c\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013009</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5e38\\u4e09\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013010</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5e38\\u56db\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013011</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u59d1\\u5ac2\\u6811\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013012</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6768\\u6c4a\\u6e56\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013013</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c34\\u4ed9\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013014</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u9633\\u5149\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013015</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u65b0\\u534e\\u5bb6\\u56ed\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013016</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6c5f\\u6c49\\u91cc\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013017</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u6843\\u6797\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013018</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u65b0\\u6e7e\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013019</td><td>\\u4e0a\\u95e8\\u529e\\u8bc1\\u9884\\u7ea6</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u76db\\u4e16\\u793e\\u533a</td><td>\\u6c49\\u5174\\u8857\\u8857\\u9053</td><td>420103013020</td><td>\\u8f6e\\u6905\\u501f\\u7528</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5f00\\u53d1\\u533a\\u865a\\u62df\\u793e\\u533a</td><td>\\u6c5f\\u6c49\\u7ecf\\u6d4e\\u5f00\\u53d1\\u533a</td><td>420103400498</td><td>\\u52a9\\u542c\\u5668\\u9a8c\\u914d\\u54a8\\u8be2</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n<tr><td>\\u5546\\u52a1\\u533a\\u865a\\u62df\\u793e\\u533a</td><td>\\u6b66\\u6c49\\u4e2d\\u592e\\u5546\\u52a1\\u533a\\u7ba1\\u7406\\u59d4\\u5458\\u4f1a</td><td>420103401498</td><td>\\u76f2\\u6587\\u8bfb\\u7269\\u501f\\u9605</td><td>\\u5de5\\u4f5c\\u65e5 8:30\\u201417:30</td></tr>\\n</tbody></table></section>\\n\\n</main>\\n<footer class=\\"site-footer\\">\\n  <ul class=\\"footer-links\\">\\n    <li><a href=\\"/about/index.html\\">\\u5173\\u4e8e\\u672c\\u7ad9</a></li><li><a href=\\"/accessibility.html\\">\\u65e0\\u969c\\u788d\\u8bf4\\u660e</a></li>\\n    <li><a href=\\"/about/contact.html\\">\\u8054\\u7cfb\\u6211\\u4eec</a></li><li><a href=\\"/search/index.html\\">\\u7ad9\\u5185\\u641c\\u7d22</a></li>\\n  </ul>\\n  <p>\\u4e3b\\u529e\\uff1a\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\u529e\\u516c\\u5ba4\\uff08\\u793a\\u4f8b\\uff09 \\u627f\\u529e\\uff1a\\u6c5f\\u6c49\\u533a\\u653f\\u52a1\\u670d\\u52a1\\u548c\\u5927\\u6570\\u636e\\u7ba1\\u7406\\u5c40\\uff08\\u793a\\u4f8b\\uff09</p>\\n  <p>\\u5730\\u5740\\uff1a\\u6b66\\u6c49\\u5e02\\u6c5f\\u6c49\\u533a\\u793a\\u4f8b\\u8def 1 \\u53f7 \\u90ae\\u7f16\\uff1a430000 \\u7535\\u8bdd\\uff1a027-00000000\\uff08\\u865a\\u6784\\uff09</p>\\n  <p><span class=\\"site-code\\">\\u7f51\\u7ad9\\u6807\\u8bc6\\u7801\\uff1a4201030000\\uff08\\u793a\\u4f8b\\uff09</span>\\n     <span class=\\"icp\\">\\u9102ICP\\u590700000000\\u53f7-1\\uff08\\u793a\\u4f8b\\uff09</span>\\n     <span class=\\"gongan\\">\\u9102\\u516c\\u7f51\\u5b89\\u5907 42010300000000\\u53f7\\uff08\\u793a\\u4f8b\\uff09</span></p>\\n  <p class=\\"sample-note\\">\\u672c\\u7f51\\u7ad9\\u4e3a\\u793a\\u4f8b\\u7f51\\u7ad9\\uff0c\\u5185\\u5bb9\\u865a\\u6784\\uff0c\\u4e0d\\u4ee3\\u8868\\u4efb\\u4f55\\u653f\\u5e9c\\u673a\\u5173\\u3002Sample site for accessibility testing; not a real government website.</p>\\n</footer>\\n<!-- B03: \\"back to top\\" icon link with no text -->\\n<a href=\\"#main\\" class=\\"to-top\\"><svg aria-hidden=\\"true\\" width=\\"24\\" height=\\"24\\" viewBox=\\"0 0 24 24\\"><path d=\\"M4 16 L12 6 L20 16 Z\\" fill=\\"#fff\\"/></svg></a>\\n</body>\\n</html>\\n"}}	static	\N	\N	11e2a8d1204cc78cc73b3cfa4e5a0374e845f2a53d7cff23ae25cdfdd2f41335	\N
3	1	http://127.0.0.1:35901/guide/index.html	http://127.0.0.1:35901/guide/index.html	0	\N	200	text/html; charset=utf-8	办事指南 - 江汉区人民政府（示例）	zh-CN	[]	122.50893499992799	\N	122.50893499992799	\N	1	\N	\N	\N	100	100	{"violations": 0, "incomplete": 0, "passes": 10, "inapplicable": 2}	{"wza-document-title": "passed", "wza-elder-mode-entry": "inapplicable", "wza-form-label": "passed", "wza-frame-title": "inapplicable", "wza-heading-order": "passed", "wza-html-lang": "passed", "wza-identical-link-names": "passed", "wza-img-alt": "passed", "wza-link-name": "passed", "wza-link-text-descriptive": "passed", "wza-page-has-heading": "passed", "wza-viewport-zoom": "passed"}	{"wza-document-title": "serious", "wza-elder-mode-entry": "moderate", "wza-form-label": "critical", "wza-frame-title": "serious", "wza-heading-order": "moderate", "wza-html-lang": "serious", "wza-identical-link-names": "minor", "wza-img-alt": "critical", "wza-link-name": "serious", "wza-link-text-descriptive": "moderate", "wza-page-has-heading": "moderate", "wza-viewport-zoom": "serious"}	null	\N	{"dom": {"url": "http://127.0.0.1:35901/guide/index.html", "html": "<!DOCTYPE html>\\n<html lang=\\"zh-CN\\">\\n<head>\\n<meta charset=\\"utf-8\\">\\n<meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\">\\n<title>\\u529e\\u4e8b\\u6307\\u5357 - \\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\uff08\\u793a\\u4f8b\\uff09</title>\\n<link rel=\\"stylesheet\\" href=\\"/static/site.css\\">\\n</head>\\n<body>\\n<a class=\\"skip-link\\" href=\\"#main\\">\\u8df3\\u5230\\u4e3b\\u8981\\u5185\\u5bb9</a>\\n<div class=\\"sample-banner\\">\\u793a\\u4f8b\\u7f51\\u7ad9 \\u00b7 \\u5185\\u5bb9\\u5747\\u4e3a\\u865a\\u6784\\uff0c\\u4ec5\\u7528\\u4e8e wuzhangai \\u65e0\\u969c\\u788d\\u68c0\\u6d4b\\u6f14\\u793a / Sample site with fictional content</div>\\n<header class=\\"site-header tpl-2024\\">\\n  <div class=\\"top-bar\\">\\n    <span class=\\"top-date\\">\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\u95e8\\u6237\\u7f51\\u7ad9\\uff08\\u793a\\u4f8b\\uff09</span>\\n    <span class=\\"top-links\\"><a href=\\"/accessibility.html\\" class=\\"a11y-entry\\">\\u65e0\\u969c\\u788d</a>\\n    <a href=\\"/accessibility.html\\" class=\\"elder-entry\\">\\u957f\\u8005\\u6a21\\u5f0f</a></span>\\n  </div>\\n  <div class=\\"brand\\">\\n    <a href=\\"/index.html\\" class=\\"logo\\"><img src=\\"/images/logo.svg\\" alt=\\"\\" width=\\"56\\" height=\\"56\\"><span class=\\"site-name\\">\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\uff08\\u793a\\u4f8b\\uff09</span></a>\\n    <form class=\\"header-search\\" action=\\"/search/index.html\\" method=\\"get\\" role=\\"search\\"><label for=\\"site-q\\" class=\\"sr-only\\">\\u7ad9\\u5185\\u641c\\u7d22</label><input type=\\"search\\" id=\\"site-q\\" name=\\"q\\" class=\\"search-input\\"><button type=\\"submit\\">\\u641c\\u7d22</button></form>\\n  </div>\\n  <nav class=\\"main-nav\\" aria-label=\\"\\u4e3b\\u5bfc\\u822a\\"><ul><li><a href=\\"/index.html\\">\\u9996\\u9875</a></li><li><a href=\\"/news/index.html\\">\\u65b0\\u95fb\\u52a8\\u6001</a></li><li><a href=\\"/guide/index.html\\" aria-current=\\"page\\">\\u529e\\u4e8b\\u6307\\u5357</a></li><li><a href=\\"/form/apply.html\\">\\u5728\\u7ebf\\u7533\\u8bf7</a></li><li><a href=\\"/about/index.html\\">\\u653f\\u52a1\\u516c\\u5f00</a></li><li><a href=\\"/about/contact.html\\">\\u8054\\u7cfb\\u6211\\u4eec</a></li></ul></nav>\\n</header>\\n<main id=\\"main\\" class=\\"content\\">\\n\\n<nav class=\\"breadcrumb\\" aria-label=\\"\\u5f53\\u524d\\u4f4d\\u7f6e\\"><ol><li><a href=\\"/index.html\\">\\u9996\\u9875</a></li><li aria-current=\\"page\\">\\u529e\\u4e8b\\u6307\\u5357</li></ol></nav>\\n<h1>\\u529e\\u4e8b\\u6307\\u5357</h1>\\n<p>\\u4ee5\\u4e0b\\u4e3a\\u6b8b\\u75be\\u4eba\\u670d\\u52a1\\u76f8\\u5173\\u4e8b\\u9879\\u7684\\u529e\\u4e8b\\u6307\\u5357\\uff08\\u793a\\u4f8b\\uff09\\u3002</p>\\n<ul class=\\"guide-list\\">\\n<li><a href=\\"/guide/disability-card.html\\">\\u6b8b\\u75be\\u4eba\\u8bc1\\u529e\\u7406\\uff08\\u65b0\\u529e\\u3001\\u6362\\u9886\\u3001\\u8fc1\\u79fb\\uff09</a></li>\\n<li><a href=\\"/guide/barrier-free-renovation.html\\">\\u56f0\\u96be\\u6b8b\\u75be\\u4eba\\u5bb6\\u5ead\\u65e0\\u969c\\u788d\\u6539\\u9020\\u8865\\u8d34\\u7533\\u8bf7</a></li>\\n</ul>\\n<p>\\u4e5f\\u53ef\\u4ee5\\u76f4\\u63a5<a href=\\"/form/apply.html\\">\\u5728\\u7ebf\\u7533\\u8bf7</a>\\u3002</p>\\n\\n</main>\\n<footer class=\\"site-footer\\">\\n  <ul class=\\"footer-links\\">\\n    <li><a href=\\"/about/index.html\\">\\u5173\\u4e8e\\u672c\\u7ad9</a></li><li><a href=\\"/accessibility.html\\">\\u65e0\\u969c\\u788d\\u8bf4\\u660e</a></li>\\n    <li><a href=\\"/about/contact.html\\">\\u8054\\u7cfb\\u6211\\u4eec</a></li><li><a href=\\"/search/index.html\\">\\u7ad9\\u5185\\u641c\\u7d22</a></li>\\n  </ul>\\n  <p>\\u4e3b\\u529e\\uff1a\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\u529e\\u516c\\u5ba4\\uff08\\u793a\\u4f8b\\uff09 \\u627f\\u529e\\uff1a\\u6c5f\\u6c49\\u533a\\u653f\\u52a1\\u670d\\u52a1\\u548c\\u5927\\u6570\\u636e\\u7ba1\\u7406\\u5c40\\uff08\\u793a\\u4f8b\\uff09</p>\\n  <p>\\u5730\\u5740\\uff1a\\u6b66\\u6c49\\u5e02\\u6c5f\\u6c49\\u533a\\u793a\\u4f8b\\u8def 1 \\u53f7 \\u90ae\\u7f16\\uff1a430000 \\u7535\\u8bdd\\uff1a027-00000000\\uff08\\u865a\\u6784\\uff09</p>\\n  <p><span class=\\"site-code\\">\\u7f51\\u7ad9\\u6807\\u8bc6\\u7801\\uff1a4201030000\\uff08\\u793a\\u4f8b\\uff09</span>\\n     <span class=\\"icp\\">\\u9102ICP\\u590700000000\\u53f7-1\\uff08\\u793a\\u4f8b\\uff09</span>\\n     <span class=\\"gongan\\">\\u9102\\u516c\\u7f51\\u5b89\\u5907 42010300000000\\u53f7\\uff08\\u793a\\u4f8b\\uff09</span></p>\\n  <p class=\\"sample-note\\">\\u672c\\u7f51\\u7ad9\\u4e3a\\u793a\\u4f8b\\u7f51\\u7ad9\\uff0c\\u5185\\u5bb9\\u865a\\u6784\\uff0c\\u4e0d\\u4ee3\\u8868\\u4efb\\u4f55\\u653f\\u5e9c\\u673a\\u5173\\u3002Sample site for accessibility testing; not a real government website.</p>\\n</footer>\\n\\n</body>\\n</html>\\n"}}	static	\N	\N	dd867a5fa686fa3b2f1c80b867e561f8f61469755990e71068db3554eb8d5833	\N
4	1	http://127.0.0.1:35901/guide/disability-card.html	http://127.0.0.1:35901/guide/disability-card.html	0	\N	200	text/html; charset=utf-8	残疾人证办理 - 办事指南 - 江汉区人民政府（示例）	zh-CN	[]	10.183626999946682	\N	10.183626999946682	\N	1	\N	\N	\N	100	100	{"violations": 0, "incomplete": 0, "passes": 10, "inapplicable": 2}	{"wza-document-title": "passed", "wza-elder-mode-entry": "inapplicable", "wza-form-label": "passed", "wza-frame-title": "inapplicable", "wza-heading-order": "passed", "wza-html-lang": "passed", "wza-identical-link-names": "passed", "wza-img-alt": "passed", "wza-link-name": "passed", "wza-link-text-descriptive": "passed", "wza-page-has-heading": "passed", "wza-viewport-zoom": "passed"}	{"wza-document-title": "serious", "wza-elder-mode-entry": "moderate", "wza-form-label": "critical", "wza-frame-title": "serious", "wza-heading-order": "moderate", "wza-html-lang": "serious", "wza-identical-link-names": "minor", "wza-img-alt": "critical", "wza-link-name": "serious", "wza-link-text-descriptive": "moderate", "wza-page-has-heading": "moderate", "wza-viewport-zoom": "serious"}	null	\N	{"dom": {"url": "http://127.0.0.1:35901/guide/disability-card.html", "html": "<!DOCTYPE html>\\n<html lang=\\"zh-CN\\">\\n<head>\\n<meta charset=\\"utf-8\\">\\n<meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\">\\n<title>\\u6b8b\\u75be\\u4eba\\u8bc1\\u529e\\u7406 - \\u529e\\u4e8b\\u6307\\u5357 - \\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\uff08\\u793a\\u4f8b\\uff09</title>\\n<link rel=\\"stylesheet\\" href=\\"/static/site.css\\">\\n</head>\\n<body>\\n<a class=\\"skip-link\\" href=\\"#main\\">\\u8df3\\u5230\\u4e3b\\u8981\\u5185\\u5bb9</a>\\n<div class=\\"sample-banner\\">\\u793a\\u4f8b\\u7f51\\u7ad9 \\u00b7 \\u5185\\u5bb9\\u5747\\u4e3a\\u865a\\u6784\\uff0c\\u4ec5\\u7528\\u4e8e wuzhangai \\u65e0\\u969c\\u788d\\u68c0\\u6d4b\\u6f14\\u793a / Sample site with fictional content</div>\\n<header class=\\"site-header tpl-2024\\">\\n  <div class=\\"top-bar\\">\\n    <span class=\\"top-date\\">\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\u95e8\\u6237\\u7f51\\u7ad9\\uff08\\u793a\\u4f8b\\uff09</span>\\n    <span class=\\"top-links\\"><a href=\\"/accessibility.html\\" class=\\"a11y-entry\\">\\u65e0\\u969c\\u788d</a>\\n    <a href=\\"/accessibility.html\\" class=\\"elder-entry\\">\\u957f\\u8005\\u6a21\\u5f0f</a></span>\\n  </div>\\n  <div class=\\"brand\\">\\n    <a href=\\"/index.html\\" class=\\"logo\\"><img src=\\"/images/logo.svg\\" alt=\\"\\" width=\\"56\\" height=\\"56\\"><span class=\\"site-name\\">\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\uff08\\u793a\\u4f8b\\uff09</span></a>\\n    <form class=\\"header-search\\" action=\\"/search/index.html\\" method=\\"get\\" role=\\"search\\"><label for=\\"site-q\\" class=\\"sr-only\\">\\u7ad9\\u5185\\u641c\\u7d22</label><input type=\\"search\\" id=\\"site-q\\" name=\\"q\\" class=\\"search-input\\"><button type=\\"submit\\">\\u641c\\u7d22</button></form>\\n  </div>\\n  <nav class=\\"main-nav\\" aria-label=\\"\\u4e3b\\u5bfc\\u822a\\"><ul><li><a href=\\"/index.html\\">\\u9996\\u9875</a></li><li><a href=\\"/news/index.html\\">\\u65b0\\u95fb\\u52a8\\u6001</a></li><li><a href=\\"/guide/index.html\\" aria-current=\\"page\\">\\u529e\\u4e8b\\u6307\\u5357</a></li><li><a href=\\"/form/apply.html\\">\\u5728\\u7ebf\\u7533\\u8bf7</a></li><li><a href=\\"/about/index.html\\">\\u653f\\u52a1\\u516c\\u5f00</a></li><li><a href=\\"/about/contact.html\\">\\u8054\\u7cfb\\u6211\\u4eec</a></li></ul></nav>\\n</header>\\n<main id=\\"main\\" class=\\"content\\">\\n\\n<nav class=\\"breadcrumb\\" aria-label=\\"\\u5f53\\u524d\\u4f4d\\u7f6e\\"><ol><li><a href=\\"/index.html\\">\\u9996\\u9875</a></li><li><a href=\\"/guide/index.html\\">\\u529e\\u4e8b\\u6307\\u5357</a></li><li aria-current=\\"page\\">\\u6b8b\\u75be\\u4eba\\u8bc1\\u529e\\u7406</li></ol></nav>\\n<h1>\\u6b8b\\u75be\\u4eba\\u8bc1\\u529e\\u7406</h1>\\n<table class=\\"data\\">\\n<caption>\\u4e8b\\u9879\\u57fa\\u672c\\u4fe1\\u606f\\uff08\\u793a\\u4f8b\\uff09</caption>\\n<tbody>\\n<tr><th scope=\\"row\\">\\u529e\\u7406\\u5bf9\\u8c61</th><td>\\u6237\\u7c4d\\u5728\\u672c\\u533a\\u7684\\u6b8b\\u75be\\u4eba</td></tr>\\n<tr><th scope=\\"row\\">\\u529e\\u7406\\u5730\\u70b9</th><td>\\u6237\\u7c4d\\u6240\\u5728\\u8857\\u9053\\u4fbf\\u6c11\\u670d\\u52a1\\u4e2d\\u5fc3</td></tr>\\n<tr><th scope=\\"row\\">\\u529e\\u7406\\u65f6\\u9650</th><td>\\u8bc4\\u5b9a\\u540e 15 \\u4e2a\\u5de5\\u4f5c\\u65e5\\u5185\\uff08\\u793a\\u4f8b\\uff09</td></tr>\\n<tr><th scope=\\"row\\">\\u6536\\u8d39\\u6807\\u51c6</th><td>\\u4e0d\\u6536\\u8d39</td></tr>\\n</tbody></table>\\n<h2 id=\\"materials\\">\\u7533\\u8bf7\\u6750\\u6599</h2>\\n<ol>\\n<li>\\u5c45\\u6c11\\u8eab\\u4efd\\u8bc1\\u6216\\u6237\\u53e3\\u7c3f\\u539f\\u4ef6\\uff1b</li>\\n<li>\\u8fd1\\u671f\\u514d\\u51a0\\u5f69\\u8272\\u8bc1\\u4ef6\\u7167 2 \\u5f20\\uff1b</li>\\n<li>\\u586b\\u5199\\u5b8c\\u6574\\u7684<a href=\\"/files/disability-card-application.pdf\\">\\u6b8b\\u75be\\u4eba\\u8bc1\\u7533\\u8bf7\\u8868\\uff08PDF\\uff0c\\u793a\\u4f8b\\uff09</a>\\u3002</li>\\n</ol>\\n<h2>\\u76f8\\u5173\\u4e0b\\u8f7d</h2>\\n<ul>\\n<li><a href=\\"/files/disability-card-application.pdf\\">\\u6b8b\\u75be\\u4eba\\u8bc1\\u7533\\u8bf7\\u8868\\uff08PDF\\uff09</a></li>\\n<li><a href=\\"/files/assistive-devices-catalog.xlsx\\">\\u8f85\\u52a9\\u5668\\u5177\\u9002\\u914d\\u76ee\\u5f55\\uff08Excel \\u8868\\u683c\\uff09</a></li>\\n</ul>\\n<h2>\\u529e\\u7406\\u6d41\\u7a0b</h2>\\n<ol><li>\\u7533\\u8bf7\\u4eba\\u63d0\\u4ea4\\u6750\\u6599\\uff1b</li><li>\\u8857\\u9053\\u521d\\u5ba1\\uff1b</li><li>\\u6307\\u5b9a\\u533b\\u9662\\u8bc4\\u5b9a\\uff1b</li><li>\\u533a\\u6b8b\\u8054\\u5ba1\\u6838\\u53d1\\u8bc1\\u3002</li></ol>\\n\\n</main>\\n<footer class=\\"site-footer\\">\\n  <ul class=\\"footer-links\\">\\n    <li><a href=\\"/about/index.html\\">\\u5173\\u4e8e\\u672c\\u7ad9</a></li><li><a href=\\"/accessibility.html\\">\\u65e0\\u969c\\u788d\\u8bf4\\u660e</a></li>\\n    <li><a href=\\"/about/contact.html\\">\\u8054\\u7cfb\\u6211\\u4eec</a></li><li><a href=\\"/search/index.html\\">\\u7ad9\\u5185\\u641c\\u7d22</a></li>\\n  </ul>\\n  <p>\\u4e3b\\u529e\\uff1a\\u6c5f\\u6c49\\u533a\\u4eba\\u6c11\\u653f\\u5e9c\\u529e\\u516c\\u5ba4\\uff08\\u793a\\u4f8b\\uff09 \\u627f\\u529e\\uff1a\\u6c5f\\u6c49\\u533a\\u653f\\u52a1\\u670d\\u52a1\\u548c\\u5927\\u6570\\u636e\\u7ba1\\u7406\\u5c40\\uff08\\u793a\\u4f8b\\uff09</p>\\n  <p>\\u5730\\u5740\\uff1a\\u6b66\\u6c49\\u5e02\\u6c5f\\u6c49\\u533a\\u793a\\u4f8b\\u8def 1 \\u53f7 \\u90ae\\u7f16\\uff1a430000 \\u7535\\u8bdd\\uff1a027-00000000\\uff08\\u865a\\u6784\\uff09</p>\\n  <p><span class=\\"site-code\\">\\u7f51\\u7ad9\\u6807\\u8bc6\\u7801\\uff1a4201030000\\uff08\\u793a\\u4f8b\\uff09</span>\\n     <span class=\\"icp\\">\\u9102ICP\\u590700000000\\u53f7-1\\uff08\\u793a\\u4f8b\\uff09</span>\\n     <span class=\\"gongan\\">\\u9102\\u516c\\u7f51\\u5b89\\u5907 42010300000000\\u53f7\\uff08\\u793a\\u4f8b\\uff09</span></p>\\n  <p class=\\"sample-note\\">\\u672c\\u7f51\\u7ad9\\u4e3a\\u793a\\u4f8b\\u7f51\\u7ad9\\uff0c\\u5185\\u5bb9\\u865a\\u6784\\uff0c\\u4e0d\\u4ee3\\u8868\\u4efb\\u4f55\\u653f\\u5e9c\\u673a\\u5173\\u3002Sample site for accessibility testing; not a real government website.</p>\\n</footer>\\n\\n</body>\\n</html>\\n"}}	static	\N	\N	8f9c58286227f3fece4b5aaa482276aad13a57fdab9acbd38e8882b585687f59	\N
\.


--
-- Data for Name: scans; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.scans (id, site_id, start_urls, started_at, finished_at, state, mode, standard, tags, config, axe_version, browser_version, wall_seconds, site_score, summary, rules_fingerprint) FROM stdin;
1	1	["http://127.0.0.1:35901//"]	2026-12-01 20:42:53.454034+08	2026-12-01 20:42:53.773063+08	finished	static	static	[]	{"crawl": {"start_urls": ["http://127.0.0.1:35901//"], "max_pages": 3, "max_depth": 5, "include": [], "exclude": [], "respect_robots": true, "use_sitemaps": true, "follow_links": true, "concurrency": 2, "per_host": null, "delay": 0.0, "retries": 2, "backoff": 0.5, "user_agent": "Mozilla/5.0 (X11; Linux x86_64) wuzhangai/0.1 accessibility-audit", "fetch_timeout": 15.0, "net_guard": false, "allow_net": []}, "standard": "wcag22aa", "browser": false, "page_timeout": 30.0, "device": null, "recycle_after": 200, "incremental": false, "storage_state": null}	\N	\N	0.3013929869999856	90.7103825136612	\N	efe206b7ac1d2815736274617a40ad22
\.


--
-- Data for Name: schedules; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schedules (id, site_id, spec, cron, timezone, enabled, next_run_at, last_run_at, "full") FROM stdin;
\.


--
-- Data for Name: settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.settings (key, value, updated_at) FROM stdin;
\.


--
-- Data for Name: sites; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sites (id, base_url, name, owner_unit, lon, lat, start_url, scan_config) FROM stdin;
1	http://127.0.0.1:35901	127.0.0.1	\N	\N	\N	\N	\N
\.


--
-- Data for Name: survey_facilities; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.survey_facilities (record_id, facility_type, facility_subtype, parent_record_id, street_code, street_name, community_code, community_name, road_name, site_name, site_category, building_type, build_status, condition, is_temporary_issue_bool, na_reason, survey_datetime, surveyor_id, lon, lat, source_crs, source_lon, source_lat, crs_assumed, location_source, gnss_accuracy_m, altitude_m, geometry_wkt, photos, notes, measurements, import_id, updated_at) FROM stdin;
SYN-000001	curb_ramp	\N	\N	420103005	满春街街道	420103005002	大夹社区	\N	合成场所 1	street	\N	existing_or_renovated	\N	\N	\N	2025-04-08T14:50:00+08:00	S07	114.249166	30.600028	WGS84	114.249166	30.600028	f	\N	1.8	\N	\N	\N	\N	{"location_context":"intersection_corner","has_curb_ramp_bool":true,"ramp_type":"full_width_single_slope","running_slope_ratio":0.0407,"ramp_width_m":2.23,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":1086.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":false,"bollard_clear_spacing_mm":1072.0,"has_warning_tactile_bool":true,"warning_tactile_setback_mm":256.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":true}	1	2026-12-01 20:42:56.883862+08
SYN-000002	curb_ramp	\N	\N	420103003	水塔街街道	420103003001	永康社区	\N	合成场所 2	street	\N	existing_or_renovated	\N	\N	\N	2025-06-08T11:56:00+08:00	S01	114.241749	30.5992	WGS84	114.241749	30.5992	f	\N	3.8	\N	\N	\N	\N	{"location_context":"midblock_crosswalk","has_curb_ramp_bool":true,"ramp_type":"full_width_single_slope","running_slope_ratio":0.0202,"flare_slope_ratio":0.0366,"ramp_width_m":1.74,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":1001.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":false,"bollard_clear_spacing_mm":1227.0,"warning_tactile_setback_mm":230.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":true}	1	2026-12-01 20:42:56.883862+08
SYN-000004	curb_ramp	\N	\N	420103013	汉兴街街道	420103013005	红梅里社区	\N	合成场所 4	residential	\N	existing_or_renovated	\N	\N	\N	2025-04-16T13:31:00+08:00	S02	114.237905	30.608766	WGS84	114.237905	30.608766	f	\N	1.7	\N	\N	\N	\N	{"location_context":"midblock_crosswalk","ramp_type":"full_width_single_slope","running_slope_ratio":0.0356,"flare_slope_ratio":0.0632,"ramp_width_m":1.74,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":970.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":true,"bollard_clear_spacing_mm":1156.0,"has_warning_tactile_bool":true,"warning_tactile_setback_mm":257.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":false}	1	2026-12-01 20:42:56.883862+08
SYN-000005	curb_ramp	\N	\N	420103012	常青街街道	420103012011	仁和社区	\N	合成场所 5	street	\N	existing_or_renovated	\N	\N	\N	2025-05-17T15:40:00+08:00	S08	114.274681	30.583969	WGS84	114.274681	30.583969	f	\N	1.2	\N	\N	\N	\N	{"location_context":"intersection_corner","has_curb_ramp_bool":true,"ramp_type":"full_width_single_slope","running_slope_ratio":0.0397,"flare_slope_ratio":0.0476,"ramp_width_m":1.8,"width_equals_sidewalk_bool":true,"lip_height_mm":0.0,"top_landing_width_mm":1321.0,"has_drain_grate_on_ramp_bool":false,"has_bollards_bool":true,"bollard_clear_spacing_mm":1306.0,"has_warning_tactile_bool":true,"warning_tactile_setback_mm":254.0,"warning_tactile_matches_ramp_width_bool":true,"surface_slip_resistant_bool":true,"aligned_with_crosswalk_bool":true}	1	2026-12-01 20:42:56.883862+08
SYN-000003	tactile_paving	bus_stop	\N	420103007	新华街街道	420103007005	江北社区	\N	合成场所 3	hospital	\N	existing_or_renovated	\N	\N	\N	2025-04-09T09:37:00+08:00	S03	114.247138	30.632448	WGS84	114.247138	30.632448	f	\N	5.3	\N	\N	\N	\N	{"tactile_kind":"warning","street_class":"arterial","has_tactile_path_bool":true,"is_continuous_bool":true,"gap_length_m":844.84,"is_obstructed_bool":false,"obstruction_type":"construction","has_contrast_with_adjacent_paving_bool":true,"colour":"yellow","directional_width_mm":305.0,"warning_wider_than_directional_bool":true,"has_warning_at_start_end_turns_bool":false,"has_tree_pits_bool":true,"setback_from_kerb_mm":423.0,"tactile_level_vs_kerb":"below_kerb_top","setback_from_wall_planter_mm":384.0,"setback_from_tree_pit_mm":352.0,"relief_height_mm":4.0,"surface_slip_resistant_bool":false,"directional_follows_sidewalk_bool":true,"connects_to_entrance_tactile_bool":true,"bus_stop_warning_setback_mm":406.0}	1	2026-12-01 20:42:56.883862+08
\.


--
-- Data for Name: survey_imports; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.survey_imports (id, imported_at, sources, default_crs, rows_read, rows_rejected, records_created, records_updated) FROM stdin;
1	2026-12-01 20:42:56.881301+08	[{"name": "few.csv", "sha256": "af6ffa9fca48da3e75803f81970f26736d1fcab5e9e833188c9db6cb5fb085ad", "rows": 5, "kind": "csv", "encoding": "utf-8", "sheets": []}]	\N	5	0	5	0
\.


--
-- Data for Name: survey_uploads; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.survey_uploads (id, received_at, user_name, original_name, stored_name, sha256, size, crs, skip_invalid, outcome, import_id, rows_read, rows_rejected, records_created, records_updated, problem_count, rejects_name, report, report_name) FROM stdin;
\.


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.users (id, name, role, password_hash, disabled, created_at, last_login_at) FROM stdin;
\.


--
-- Name: alert_deliveries_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.alert_deliveries_id_seq', 1, false);


--
-- Name: api_tokens_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.api_tokens_id_seq', 1, false);


--
-- Name: attachments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.attachments_id_seq', 2, true);


--
-- Name: audit_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_log_id_seq', 1, false);


--
-- Name: dismissals_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.dismissals_id_seq', 1, false);


--
-- Name: findings_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.findings_id_seq', 2, true);


--
-- Name: frontier_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.frontier_id_seq', 17, true);


--
-- Name: geo_features_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.geo_features_id_seq', 1, false);


--
-- Name: geo_layers_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.geo_layers_id_seq', 1, false);


--
-- Name: issues_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.issues_id_seq', 2, true);


--
-- Name: jobs_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.jobs_id_seq', 1, false);


--
-- Name: pages_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.pages_id_seq', 4, true);


--
-- Name: scans_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.scans_id_seq', 1, true);


--
-- Name: schedules_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.schedules_id_seq', 1, false);


--
-- Name: sites_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.sites_id_seq', 1, true);


--
-- Name: survey_imports_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.survey_imports_id_seq', 1, true);


--
-- Name: survey_uploads_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.survey_uploads_id_seq', 1, false);


--
-- Name: users_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.users_id_seq', 1, false);


--
-- Name: alert_deliveries alert_deliveries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_deliveries
    ADD CONSTRAINT alert_deliveries_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_token_sha256_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_token_sha256_key UNIQUE (token_sha256);


--
-- Name: attachments attachments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_pkey PRIMARY KEY (id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: dismissals dismissals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dismissals
    ADD CONSTRAINT dismissals_pkey PRIMARY KEY (id);


--
-- Name: findings findings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findings
    ADD CONSTRAINT findings_pkey PRIMARY KEY (id);


--
-- Name: frontier frontier_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.frontier
    ADD CONSTRAINT frontier_pkey PRIMARY KEY (id);


--
-- Name: geo_features geo_features_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.geo_features
    ADD CONSTRAINT geo_features_pkey PRIMARY KEY (id);


--
-- Name: geo_layers geo_layers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.geo_layers
    ADD CONSTRAINT geo_layers_pkey PRIMARY KEY (id);


--
-- Name: issues issues_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.issues
    ADD CONSTRAINT issues_pkey PRIMARY KEY (id);


--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);


--
-- Name: pages pages_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pages
    ADD CONSTRAINT pages_pkey PRIMARY KEY (id);


--
-- Name: scans scans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scans
    ADD CONSTRAINT scans_pkey PRIMARY KEY (id);


--
-- Name: schedules schedules_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_pkey PRIMARY KEY (id);


--
-- Name: schedules schedules_site_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_site_id_key UNIQUE (site_id);


--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (key);


--
-- Name: sites sites_base_url_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sites
    ADD CONSTRAINT sites_base_url_key UNIQUE (base_url);


--
-- Name: sites sites_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sites
    ADD CONSTRAINT sites_pkey PRIMARY KEY (id);


--
-- Name: survey_facilities survey_facilities_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_facilities
    ADD CONSTRAINT survey_facilities_pkey PRIMARY KEY (record_id);


--
-- Name: survey_imports survey_imports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_imports
    ADD CONSTRAINT survey_imports_pkey PRIMARY KEY (id);


--
-- Name: survey_uploads survey_uploads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_uploads
    ADD CONSTRAINT survey_uploads_pkey PRIMARY KEY (id);


--
-- Name: attachments uq_attachment_scan_url; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT uq_attachment_scan_url UNIQUE (scan_id, url);


--
-- Name: frontier uq_frontier_scan_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.frontier
    ADD CONSTRAINT uq_frontier_scan_key UNIQUE (scan_id, url_key);


--
-- Name: geo_layers uq_geo_layer_kind_name; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.geo_layers
    ADD CONSTRAINT uq_geo_layer_kind_name UNIQUE (kind, name);


--
-- Name: users users_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_name_key UNIQUE (name);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: ix_alert_deliveries_scan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_alert_deliveries_scan ON public.alert_deliveries USING btree (scan_id);


--
-- Name: ix_audit_at; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_audit_at ON public.audit_log USING btree (at);


--
-- Name: ix_dismissals_site; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_dismissals_site ON public.dismissals USING btree (site_id, fingerprint);


--
-- Name: ix_findings_page; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_findings_page ON public.findings USING btree (page_id);


--
-- Name: ix_findings_scan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_findings_scan ON public.findings USING btree (scan_id);


--
-- Name: ix_geo_features_layer_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_geo_features_layer_id ON public.geo_features USING btree (layer_id);


--
-- Name: ix_geo_layers_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_geo_layers_kind ON public.geo_layers USING btree (kind);


--
-- Name: ix_issues_scan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_issues_scan ON public.issues USING btree (scan_id);


--
-- Name: ix_jobs_site; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_jobs_site ON public.jobs USING btree (site_id, id);


--
-- Name: ix_jobs_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_jobs_state ON public.jobs USING btree (state, id);


--
-- Name: ix_pages_scan; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_pages_scan ON public.pages USING btree (scan_id);


--
-- Name: ix_survey_facilities_community_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_survey_facilities_community_code ON public.survey_facilities USING btree (community_code);


--
-- Name: ix_survey_facilities_facility_type; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_survey_facilities_facility_type ON public.survey_facilities USING btree (facility_type);


--
-- Name: ix_survey_facilities_parent_record_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_survey_facilities_parent_record_id ON public.survey_facilities USING btree (parent_record_id);


--
-- Name: ix_survey_facilities_street_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_survey_facilities_street_code ON public.survey_facilities USING btree (street_code);


--
-- Name: alert_deliveries alert_deliveries_scan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_deliveries
    ADD CONSTRAINT alert_deliveries_scan_id_fkey FOREIGN KEY (scan_id) REFERENCES public.scans(id) ON DELETE CASCADE;


--
-- Name: api_tokens api_tokens_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: attachments attachments_scan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_scan_id_fkey FOREIGN KEY (scan_id) REFERENCES public.scans(id) ON DELETE CASCADE;


--
-- Name: dismissals dismissals_site_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.dismissals
    ADD CONSTRAINT dismissals_site_id_fkey FOREIGN KEY (site_id) REFERENCES public.sites(id);


--
-- Name: findings findings_page_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findings
    ADD CONSTRAINT findings_page_id_fkey FOREIGN KEY (page_id) REFERENCES public.pages(id) ON DELETE CASCADE;


--
-- Name: findings findings_scan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.findings
    ADD CONSTRAINT findings_scan_id_fkey FOREIGN KEY (scan_id) REFERENCES public.scans(id) ON DELETE CASCADE;


--
-- Name: frontier frontier_scan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.frontier
    ADD CONSTRAINT frontier_scan_id_fkey FOREIGN KEY (scan_id) REFERENCES public.scans(id) ON DELETE CASCADE;


--
-- Name: geo_features geo_features_layer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.geo_features
    ADD CONSTRAINT geo_features_layer_id_fkey FOREIGN KEY (layer_id) REFERENCES public.geo_layers(id) ON DELETE CASCADE;


--
-- Name: issues issues_scan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.issues
    ADD CONSTRAINT issues_scan_id_fkey FOREIGN KEY (scan_id) REFERENCES public.scans(id) ON DELETE CASCADE;


--
-- Name: jobs jobs_scan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_scan_id_fkey FOREIGN KEY (scan_id) REFERENCES public.scans(id) ON DELETE SET NULL;


--
-- Name: jobs jobs_site_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jobs
    ADD CONSTRAINT jobs_site_id_fkey FOREIGN KEY (site_id) REFERENCES public.sites(id) ON DELETE CASCADE;


--
-- Name: pages pages_scan_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.pages
    ADD CONSTRAINT pages_scan_id_fkey FOREIGN KEY (scan_id) REFERENCES public.scans(id) ON DELETE CASCADE;


--
-- Name: scans scans_site_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scans
    ADD CONSTRAINT scans_site_id_fkey FOREIGN KEY (site_id) REFERENCES public.sites(id);


--
-- Name: schedules schedules_site_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedules
    ADD CONSTRAINT schedules_site_id_fkey FOREIGN KEY (site_id) REFERENCES public.sites(id) ON DELETE CASCADE;


--
-- Name: survey_facilities survey_facilities_import_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.survey_facilities
    ADD CONSTRAINT survey_facilities_import_id_fkey FOREIGN KEY (import_id) REFERENCES public.survey_imports(id);


--
-- PostgreSQL database dump complete
--

\unrestrict EiiEAj2dToMpOlzVbJnS8pc4B43p4bHdyZw22FnpnN9yac9YPjAwxLkvhu55dzO

