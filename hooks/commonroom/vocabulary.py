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
MEMBERSHIP_SHORT = {"open": "Open", "closed": "Closed", "either": "Open or closed"}  # for the comparison table

PROFESSION_MIX = {
    "single-profession": "One profession together",
    "multi-professional": "Mixed professions",
    "either": "One profession or mixed",
}

# Words people type, for search. Spelling variants (counseling, organization) and word endings are matched by
# the search script, so list each idea once.
AUDIENCE_KEYWORDS = {
    "doctors": ["doctor", "physician", "GP", "consultant", "surgeon", "medic", "psychiatrist", "anaesthetist"],
    "resident-doctors": ["resident", "junior doctor", "trainee", "registrar", "foundation doctor", "intern", "fellow"],
    "dentists": ["dentist", "dental"],
    "nurses": ["nurse", "nursing", "health visitor"],
    "midwives": ["midwife", "midwifery"],
    "paramedics": ["paramedic", "ambulance"],
    "pharmacists": ["pharmacist", "pharmacy"],
    "allied-health": ["physiotherapist", "occupational therapist", "radiographer", "dietitian", "speech therapist"],
    "healthcare-assistants": ["healthcare assistant", "HCA", "support worker", "care assistant"],
    "students": ["student", "medical student", "nursing student", "trainee"],
    "families": ["family", "partner", "spouse", "children", "relative"],
    "all-staff": ["staff", "employee", "worker", "porter", "admin", "colleague"],
}

NEED_KEYWORDS = {
    "crisis": ["suicidal", "suicide", "can't cope", "cannot cope", "crisis", "emergency", "urgent", "danger",
               "self-harm", "want to die", "desperate", "overwhelmed", "hopeless", "end it"],
    "talk-now": ["talk", "listen", "alone", "stressed", "stress", "anxious", "anxiety", "upset",
                 "burnout", "worried", "low", "sad", "struggling", "helpline", "bad shift"],
    "confidential-treatment": ["treatment", "mental health", "depression", "anxiety", "burnout", "psychiatrist",
                               "therapy", "confidential", "doctor for doctors", "PTSD", "trauma", "eating disorder"],
    "counselling": ["counselling", "counsellor", "therapy", "therapist", "stress", "stressed", "burnout",
                    "bereavement", "grief", "depression", "anxiety"],
    "peer-support": ["peer support", "colleague", "lonely", "belonging", "burnout", "group", "second victim",
                     "talk to another doctor"],
    "addiction": ["alcohol", "drinking", "drugs", "gambling", "addiction", "substance"],
    "financial": ["money", "money worries", "debt", "grant", "financial", "bills", "hardship", "income", "benefits"],
    "regulatory": ["complaint", "investigation", "GMC", "NMC", "fitness to practise", "regulator", "tribunal", "inquest"],
    "practical": ["advice", "information", "guide", "resources"],
}

GROUP_KEYWORDS = ["group", "peer support", "reflective", "reflection", "belonging", "protected time",
                  "team", "colleagues"]

REGION_KEYWORDS = {
    "GB": ["UK", "Britain", "British"],
    "GB-ENG": ["English", "NHS England"],
    "GB-SCT": ["Scottish"],
    "GB-WLS": ["Welsh", "Cymru"],
    "GB-NIR": ["Northern Irish", "NI"],
    "IE": ["Irish", "Éire", "Republic of Ireland"],
    "US": ["USA", "America", "American", "United States of America"],
    "ZA": ["South African", "SA"],
    "AU": ["Australian"],
    "NZ": ["Aotearoa", "New Zealander", "Kiwi"],
    "CA": ["Canadian"],
}
