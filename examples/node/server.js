// A recipe book that authorises from the permissions claim of Keycloak tokens.
//
//   GET  /recipes         any signed-in user
//   POST /recipes         needs edit_recipes
//   GET  /admin/settings  needs manage_settings
//
// Configuration (environment): OIDC_ISSUER (default http://localhost:8080/realms/demo),
// OIDC_JWKS_URL (default <issuer>/protocol/openid-connect/certs), PORT (default 3000),
// PERMISSIONS_CLAIM (default permissions).
import express from 'express';
import { createAuth, hasPermission, settingsFromEnv } from './auth.js';

const settings = settingsFromEnv();
const { authenticate, requirePermission } = createAuth(settings);
const recipes = [{ id: 1, title: 'Pancakes', author: 'demo' }];

const app = express();

app.get('/recipes', authenticate, (req, res) => {
  res.json({ user: req.user.username, can_edit: hasPermission(req, 'edit_recipes'), recipes });
});

// The body is read only once the caller may post: a bad token is 401 whatever the body.
app.post('/recipes', requirePermission('edit_recipes'), express.json(), (req, res) => {
  const title = req.body?.title;
  if (typeof title !== 'string' || !title.trim()) {
    res.status(400).json({ error: 'invalid_input', error_description: 'title is required', field: 'title' });
    return;
  }
  const recipe = { id: recipes.length + 1, title: title.trim(), author: req.user.username };
  recipes.push(recipe);
  res.status(201).json(recipe);
});

app.get('/admin/settings', requirePermission('manage_settings'), (req, res) => {
  res.json({ user: req.user.username, settings: { recipes_public: true, max_recipes: 500 } });
});

// Errors as JSON (a body that is not JSON is 400), never an HTML page.
app.use((req, res) => {
  res.status(404).json({ error: 'not_found', error_description: `no route ${req.method} ${req.path}` });
});
app.use((err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  const status = err.status ?? err.statusCode ?? 500;
  res.status(status).json({ error: status === 400 ? 'invalid_input' : 'server_error', error_description: err.message });
});

const port = Number(process.env.PORT || 3000);
app.listen(port, process.env.HOST || '127.0.0.1', () => {
  console.log(`recipes on http://localhost:${port}, tokens of ${settings.issuer}, claim ${settings.claim}`);
});
