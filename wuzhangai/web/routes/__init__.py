"""The routers, one module per area. Every route declares its permission (``wuzhangai.web.auth``)."""
from wuzhangai.web.routes import account, admin, dashboard, facilities, reports, scans, site_auth, sites, surveys

ROUTERS = [account.router, dashboard.router, sites.router, site_auth.router, scans.router, surveys.router, facilities.router,
           reports.router, admin.router]
