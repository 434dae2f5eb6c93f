"""Who may manage a workspace's webhooks: whoever may manage its mini programs (the Owner and
Masters), as the messages tell about those mini programs and the members working on them."""

# A `Membership.may_*` method, named for `accounts.access.member_required`.
MANAGE_WEBHOOKS = "may_manage_mini_programs"
