"""Plain-English words for the closed vocabularies in the schemas, in the order pages list them."""

AUDIENCES = {
    "anyone": "Anyone",
    "all-staff": "All health and care staff",
    "doctors": "Doctors",
    "resident-doctors": "Resident doctors",
    "dentists": "Dentists",
    "nurses": "Nurses",
    "midwives": "Midwives",
    "paramedics": "Paramedics",
    "pharmacists": "Pharmacists",
    "allied-health": "Allied health professionals",
    "healthcare-assistants": "Healthcare assistants",
    "students": "Students",
    "families": "Families of staff",
}

NEEDS = {
    "crisis": ("Urgent help if a life may be at risk", "Someone to contact straight away when you or someone else may not be safe."),
    "talk-now": ("Someone to talk to today", "Listening lines you can call or text without an appointment."),
    "confidential-treatment": ("Confidential treatment", "Assessment and treatment outside your own workplace, so colleagues need not know."),
    "counselling": ("Counselling", "Sessions with a trained counsellor."),
    "peer-support": ("Peer support", "Support from people who do the same kind of work."),
    "addiction": ("Alcohol, drugs or gambling", "Help with addiction, in confidence."),
    "financial": ("Money worries", "Grants, debt advice and help when illness affects your income."),
    "regulatory": ("Complaints and investigations", "Support when you face a complaint, investigation or regulator."),
    "practical": ("Advice and information", "Practical advice, guides and other help."),
}


CONTACT_KINDS = {"phone": "Phone call", "text": "Text message", "web": "Website or online chat", "email": "Email", "in-person": "In person"}

MEMBERSHIP = {"open": "Open: come to any session", "closed": "Closed: the same members each time", "either": "Open or closed"}

PROFESSION_MIX = {
    "single-profession": "One profession together",
    "multi-professional": "Mixed professions",
    "either": "One profession or mixed",
}
