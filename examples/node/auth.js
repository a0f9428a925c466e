// Authorisation from the permissions claim of a Keycloak access token, as express middleware.
//
//   app.get('/recipes', authenticate, handler)                               any signed-in user
//   app.post('/recipes', requirePermission('edit_recipes'), handler)         401 / 403 otherwise
//   hasPermission(req, 'edit_recipes')                                       in a handler
//
// A token is valid when its signature checks out against the realm's JWKS, its issuer is the
// configured one and it has not expired. req.user is { id, username, permissions, claims }.
import { createRemoteJWKSet, jwtVerify, errors } from 'jose';

export function settingsFromEnv(env = process.env) {
  const issuer = (env.OIDC_ISSUER || 'http://localhost:8080/realms/demo').replace(/\/+$/, '');
  return {
    issuer,
    jwksUrl: env.OIDC_JWKS_URL || `${issuer}/protocol/openid-connect/certs`,
    claim: env.PERMISSIONS_CLAIM || 'permissions',
  };
}

function unauthorized(res, error, description) {
  res.set('WWW-Authenticate', error === 'unauthorized' ? 'Bearer' : 'Bearer error="invalid_token"');
  res.status(401).json({ error, error_description: description });
}

export function createAuth(settings = settingsFromEnv()) {
  // Caches the key set and fetches it again (at most every 30 s) when a token names an unknown key id.
  const jwks = createRemoteJWKSet(new URL(settings.jwksUrl));

  async function authenticate(req, res, next) {
    if (req.user) {
      next();
      return;
    }
    const match = /^Bearer +(\S+) *$/i.exec(req.get('Authorization') ?? '');
    if (!match) {
      unauthorized(res, 'unauthorized', 'a bearer token is required');
      return;
    }
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], jwks, {
        issuer: settings.issuer,
        requiredClaims: ['exp', 'iss', 'sub'],
      }));
    } catch (e) {
      if (e instanceof errors.JOSEError || e instanceof TypeError) {
        unauthorized(res, 'invalid_token', `the token is not valid: ${e.message}`);
        return;
      }
      throw e;
    }
    const granted = payload[settings.claim];
    const permissions = Array.isArray(granted) ? granted.filter((p) => typeof p === 'string') : [];
    req.user = {
      id: payload.sub,
      username: payload.preferred_username ?? payload.sub,
      permissions: new Set(permissions),
      claims: payload,
    };
    next();
  }

  // Express takes an array of middleware where it takes one: authenticate first (401), then check (403).
  function requirePermission(name) {
    return [
      authenticate,
      function permissionCheck(req, res, next) {
        if (!req.user.permissions.has(name)) {
          res.status(403).json({
            error: 'missing_permission',
            error_description: `this needs the permission ${name}`,
            permission: name,
          });
          return;
        }
        next();
      },
    ];
  }

  return { authenticate, requirePermission };
}

export function hasPermission(req, name) {
  return req.user?.permissions.has(name) ?? false;
}
