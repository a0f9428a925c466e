"""Authorisation from the `permissions` claim of a Keycloak access token.

The interface of a database-backed permission check, reading the signed token instead:

    @app.get("/recipes")
    @login_required
    def recipes():
        return {"can_edit": has_permission("edit_recipes")}

    @app.post("/recipes")
    @require_permission("edit_recipes")
    def add_recipe():
        ...

`current_user` is the signed-in user of the request (a `TokenUser`); `current_user.has_permission(name)`
and `has_permission(name)` answer the same question.

A request without a valid bearer token gets 401; one whose token lacks the permission gets 403 with
a JSON reason. A token is valid when its signature checks out against the realm's JWKS, its issuer is
the configured one and it has not expired.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field

import jwt
from flask import g, jsonify, request
from werkzeug.local import LocalProxy

# Every asymmetric algorithm Keycloak signs with; the key itself comes from the realm's JWKS.
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]


@dataclass(frozen=True)
class Settings:
    issuer: str
    jwks_url: str
    claim: str

    @staticmethod
    def from_env() -> "Settings":
        issuer = os.environ.get("OIDC_ISSUER", "http://localhost:8080/realms/demo").rstrip("/")
        jwks_url = os.environ.get("OIDC_JWKS_URL") or issuer + "/protocol/openid-connect/certs"
        claim = os.environ.get("PERMISSIONS_CLAIM") or "permissions"
        return Settings(issuer, jwks_url, claim)


@dataclass(frozen=True)
class TokenUser:
    """The user a verified access token speaks for."""

    id: str
    username: str
    permissions: frozenset = field(default_factory=frozenset)

    def has_permission(self, name: str) -> bool:
        return name in self.permissions


class Unauthorized(Exception):
    def __init__(self, error: str, description: str):
        super().__init__(description)
        self.error = error
        self.description = description


class TokenVerifier:
    def __init__(self, settings: Settings):
        self.settings = settings
        # Caches the key set (5 minutes) and fetches it again when a token names an unknown key id.
        self.jwks = jwt.PyJWKClient(settings.jwks_url)

    def user(self, authorization: str | None) -> TokenUser:
        if not authorization:
            raise Unauthorized("unauthorized", "a bearer token is required")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("unauthorized", "a bearer token is required")
        try:
            key = self.jwks.get_signing_key_from_jwt(token.strip())
            claims = jwt.decode(
                token.strip(),
                key.key,
                algorithms=ALGORITHMS,
                issuer=self.settings.issuer,
                options={"require": ["exp", "iss", "sub"], "verify_aud": False},
            )
        except (jwt.PyJWTError, jwt.PyJWKClientError) as e:
            raise Unauthorized("invalid_token", f"the token is not valid: {e}") from e
        granted = claims.get(self.settings.claim)
        permissions = frozenset(p for p in granted if isinstance(p, str)) if isinstance(granted, list) else frozenset()
        return TokenUser(claims["sub"], claims.get("preferred_username", claims["sub"]), permissions)


_verifier: TokenVerifier | None = None


def init_app(app, settings: Settings | None = None) -> None:
    """Sets up token checks for `app`; without `settings`, reads them from the environment."""
    global _verifier
    _verifier = TokenVerifier(settings or Settings.from_env())
    app.config["RBAC_SETTINGS"] = _verifier.settings


def _unauthorized(e: Unauthorized):
    response = jsonify(error=e.error, error_description=e.description)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = "Bearer" if e.error == "unauthorized" else 'Bearer error="invalid_token"'
    return response


def _authenticate():
    """Puts the request's user into `g.user`; answers the 401 response when there is none."""
    if "user" in g:
        return None
    try:
        g.user = _verifier.user(request.headers.get("Authorization"))
    except Unauthorized as e:
        return _unauthorized(e)
    return None


def login_required(view):
    """Any signed-in user: a valid token, whatever its permissions."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        refused = _authenticate()
        return refused if refused is not None else view(*args, **kwargs)

    return wrapper


def require_permission(name: str):
    """The view needs the permission `name` in the token's claim: 401 without a valid token, 403 without it."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            refused = _authenticate()
            if refused is not None:
                return refused
            if not g.user.has_permission(name):
                response = jsonify(
                    error="missing_permission",
                    error_description=f"this needs the permission {name}",
                    permission=name,
                )
                response.status_code = 403
                return response
            return view(*args, **kwargs)

        return wrapper

    return decorate


def has_permission(name: str) -> bool:
    """Whether the signed-in user of this request holds `name` (False when nobody is signed in)."""
    user = g.get("user")
    return user is not None and user.has_permission(name)


current_user: TokenUser = LocalProxy(lambda: g.get("user"))  # type: ignore[assignment]
