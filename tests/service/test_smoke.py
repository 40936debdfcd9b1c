from ecabinet_client.domain.mutations import MUTATIONS


def test_delegate_confirms_and_sees_only_own_meetings(api, world):
    meeting = world.meeting(invitees=("delegate",))
    hidden = world.meeting(invitees=("outsider",))
    delegate = api("delegate")
    rows = delegate.pull_all()
    assert set(rows["meetings"]) == {meeting["id"]}
    assert hidden["id"] not in rows["meetings"]
    inv = meeting["invitations"]["delegate"]
    result = delegate.push("respond_invitation", invitation_id=inv, response="confirmed")
    assert result["status"] == "applied", result
    rows = delegate.pull_all()
    assert rows["invitations"][inv]["state"] == "confirmed"
