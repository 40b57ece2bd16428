// Swagger UI over the service's own schema; a file (not inline) so the page's CSP needs no 'unsafe-inline'.
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: false });
});
