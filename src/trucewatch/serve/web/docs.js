/* Starts the bundled Swagger UI on the server's own OpenAPI description (no CDN, no inline script). */
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
