"""A recipe book that authorises from the `permissions` claim of Keycloak tokens.

    GET  /recipes         any signed-in user
    POST /recipes         needs edit_recipes
    GET  /admin/settings  needs manage_settings

Configuration (environment): OIDC_ISSUER (default http://localhost:8080/realms/demo), OIDC_JWKS_URL
(default <issuer>/protocol/openid-connect/certs), PORT (default 5000), PERMISSIONS_CLAIM (default
permissions).
"""

import os
import threading

from flask import Flask, jsonify, request

from rbac_auth import current_user, has_permission, init_app, login_required, require_permission

app = Flask(__name__)
init_app(app)

_lock = threading.Lock()
_recipes = [{"id": 1, "title": "Pancakes", "author": "demo"}]


@app.get("/recipes")
@login_required
def list_recipes():
    with _lock:
        recipes = list(_recipes)
    return jsonify(user=current_user.username, can_edit=has_permission("edit_recipes"), recipes=recipes)


@app.post("/recipes")
@require_permission("edit_recipes")
def add_recipe():
    body = request.get_json(silent=True) or {}
    title = body.get("title")
    if not isinstance(title, str) or not title.strip():
        return jsonify(error="invalid_input", error_description="title is required", field="title"), 400
    with _lock:
        recipe = {"id": len(_recipes) + 1, "title": title.strip(), "author": current_user.username}
        _recipes.append(recipe)
    return jsonify(recipe), 201


@app.get("/admin/settings")
@require_permission("manage_settings")
def settings():
    return jsonify(user=current_user.username, settings={"recipes_public": True, "max_recipes": 500})


if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "5000")))
