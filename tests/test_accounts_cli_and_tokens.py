"""Admins on the command line, and personal API tokens."""

from conftest import PASSWORD, form_data, sign_in
from test_web_pages import text_of


def test_wiki_user_create_set_role_and_token_create(app, runner, client):
    created = runner.invoke(
        args=[
            "user",
            "create",
            "Beheerder Bea",
            "--email",
            "bea@minbzk.nl",
            "--role",
            "moderator",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert created.exit_code == 0, created.output
    assert "Gebruiker beheerder-bea (moderator) aangemaakt." in created.output
    changed = runner.invoke(args=["user", "set-role", "bea@minbzk.nl", "admin"])
    assert "beheerder-bea is nu beheerder." in changed.output
    token = runner.invoke(args=["token", "create", "beheerder-bea"]).output.strip()
    assert token.startswith("avw_")
    response = client.get(
        "/api/v1/pages/stap-1-voorbereiden", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    page = client.get("/api/v1/pages/stap-1-voorbereiden").json
    saved = client.patch(
        "/api/v1/pages/stap-1-voorbereiden",
        json={"base_revision": page["revision_id"], "markdown": "Via de opdrachtregel."},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert saved.status_code == 200
    revisions = client.get("/api/v1/pages/stap-1-voorbereiden/revisions").json["revisions"]
    assert revisions[0]["author"] == "Beheerder Bea"


def test_cli_refuses_bad_input_in_dutch(runner):
    weak = runner.invoke(
        args=["user", "create", "Kort", "--email", "kort@minbzk.nl", "--password-stdin"],
        input="kort\n",
    )
    assert weak.exit_code != 0 and "minstens 10 tekens" in weak.output
    unknown = runner.invoke(args=["user", "set-role", "niemand", "admin"])
    assert unknown.exit_code != 0 and "Gebruiker 'niemand' bestaat niet." in unknown.output
    role = runner.invoke(
        args=[
            "user",
            "create",
            "Rol Fout",
            "--email",
            "rol@minbzk.nl",
            "--role",
            "koning",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert role.exit_code != 0 and "Kies een rol uit" in role.output


def test_api_writes_need_a_valid_token(client, api_as):
    page = client.get("/api/v1/pages/stap-1-voorbereiden").json
    body = {"base_revision": page["revision_id"], "markdown": "x"}
    anonymous = client.patch("/api/v1/pages/stap-1-voorbereiden", json=body)
    assert anonymous.status_code == 401
    assert "API-token" in anonymous.json["message"]
    forged = client.patch(
        "/api/v1/pages/stap-1-voorbereiden", json=body, headers={"Authorization": "Bearer avw_nep"}
    )
    assert forged.status_code == 401
    assert "ongeldig of ingetrokken" in forged.json["message"]
    basic = client.get("/api/v1/pages", headers={"Authorization": "Basic abc"})
    assert basic.status_code == 401
    assert (
        client.get("/api/v1/pages/stap-1-voorbereiden").json["revision_id"] == page["revision_id"]
    )


def test_the_api_ignores_a_signed_in_browser_session(client, login_as):
    """A cookie alone never authorises an API write, so a forged cross-site call has no power."""
    login_as("admin")
    page = client.get("/api/v1/pages/stap-1-voorbereiden").json
    response = client.patch(
        "/api/v1/pages/stap-1-voorbereiden",
        json={"base_revision": page["revision_id"], "markdown": "x"},
    )
    assert response.status_code == 401


def test_tokens_are_shown_once_and_can_be_revoked_by_their_owner_only(app, client, make_user):
    owner, other = make_user("editor"), make_user("editor")
    sign_in(client, owner)
    form = form_data(client.get("/account"))
    form = {"csrf_token": form["csrf_token"], "name": "Mijn script"}
    created = client.post("/account/tokens", data=form)
    assert created.status_code == 201
    token = created.get_data(as_text=True).split('<code class="token">')[1].split("</code>")[0]
    assert "Mijn script" in text_of(client.get("/account"))
    assert token not in client.get("/account").get_data(as_text=True), "shown only once"
    token_id = (
        client.get("/account").get_data(as_text=True).split("/account/tokens/")[1].split("/")[0]
    )
    sign_in(client, other)
    csrf = form_data(client.get("/account"))["csrf_token"]
    stolen = client.post(f"/account/tokens/{token_id}/intrekken", data={"csrf_token": csrf})
    assert stolen.status_code == 403
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/pages", headers=headers).status_code == 200
    sign_in(client, owner)
    csrf = form_data(client.get("/account"))["csrf_token"]
    client.post(f"/account/tokens/{token_id}/intrekken", data={"csrf_token": csrf})
    assert client.get("/api/v1/pages", headers=headers).status_code == 401
