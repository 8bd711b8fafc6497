"""Plain-English words for the closed vocabularies in the schemas, in the order pages list them."""

AUDIENCES = {
    "anyone": "Anyone",
    "all-staff": "All health and care staff",
    "doctors": "Doctors",
    "resident-doctors": "Resident doctors",
    "dentists": "Dentists",
    "nurses": "Nurses",
    "midwives": "Midwives",
    "allied-health": "Allied health professionals",
    "paramedics": "Paramedics and ambulance staff",
    "pharmacists": "Pharmacists",
    "healthcare-assistants": "Healthcare assistants and support workers",
    "non-clinical-staff": "Porters, cleaners, administrators and other non-clinical staff",
    "social-care-staff": "Social care staff",
    "students": "Students of any health profession",
    "medical-students": "Medical students",
    "dental-students": "Dental students",
    "nursing-students": "Nursing students",
    "midwifery-students": "Midwifery students",
    "allied-health-students": "Allied health students",
    "paramedic-students": "Paramedic students",
    "pharmacy-students": "Pharmacy students",
    "families": "Families of staff",
}

# The parts of the workforce that get a page of their own (/services/for/<role>/), in the order the home page
# lists them, with the short name used in sentences ("No service just for non-clinical staff in Wales").
ROLES = {
    "doctors": "doctors",
    "dentists": "dentists",
    "nurses": "nurses",
    "midwives": "midwives",
    "allied-health": "allied health professionals",
    "paramedics": "paramedics and ambulance staff",
    "pharmacists": "pharmacists",
    "healthcare-assistants": "healthcare assistants and support workers",
    "students": "students",
    "non-clinical-staff": "non-clinical staff",
    "social-care-staff": "social care staff",
    "families": "families of staff",
}

STUDENT_AUDIENCES = tuple(a for a in AUDIENCES if a.endswith("-students"))
# Audiences that are not staff: a service for all health and care staff is not for them.
NOT_STAFF = ("anyone", "families", "students", *STUDENT_AUDIENCES)


def audiences_serving(who: str) -> list[str]:
    """The service audiences that include someone who chose `who`, most specific first.

    One rule for the directory filter, the role pages and search: a nurse is served by services for nurses, then by
    those for all health and care staff; a nursing student by services for nursing students and for students of
    any health profession; anyone by services for anyone.
    """
    fits = [who]
    if who == "doctors":
        fits.append("resident-doctors")
    if who == "resident-doctors":
        fits.append("doctors")
    if who == "students":
        fits += STUDENT_AUDIENCES
    if who in STUDENT_AUDIENCES:
        fits.append("students")
    if who not in NOT_STAFF:
        fits.append("all-staff")
    if who != "anyone":
        fits.append("anyone")
    return fits


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


CONTACT_KINDS = {"phone": "Phone call", "text": "Text message", "extension": "Hospital phone extension",
                 "bleep": "Bleep via switchboard", "web": "Website or online chat", "email": "Email", "in-person": "In person"}

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
    "nurses": ["nurse", "nursing", "health visitor", "RN", "registered nurse", "nurse practitioner"],
    "midwives": ["midwife", "midwives", "midwifery", "maternity", "maternity support worker"],
    "allied-health": ["AHP", "allied health", "physiotherapist", "physio", "occupational therapist", "OT",
                      "radiographer", "dietitian", "speech and language therapist", "speech therapist",
                      "podiatrist", "psychologist", "operating department practitioner", "ODP",
                      "orthoptist", "prosthetist", "art therapist", "healthcare scientist"],
    "paramedics": ["paramedic", "ambulance", "ambulance staff", "EMT", "emergency medical technician",
                   "call handler", "emergency care assistant", "dispatcher", "first responder"],
    "pharmacists": ["pharmacist", "pharmacy", "pharmacy technician", "chemist"],
    "healthcare-assistants": ["healthcare assistant", "health care assistant", "HCA", "support worker",
                              "care assistant", "nursing assistant", "nursing associate", "CNA", "PCA",
                              "maternity support worker"],
    "non-clinical-staff": ["porter", "cleaner", "domestic", "housekeeping", "administrator", "admin", "receptionist",
                           "secretary", "ward clerk", "laundry", "catering", "estates", "security",
                           "non-clinical", "facilities"],
    "social-care-staff": ["social care", "care worker", "carer", "care home", "home care", "social worker"],
    "students": ["student", "trainee", "placement", "learner", "apprentice"],
    "medical-students": ["medical student", "med student"],
    "dental-students": ["dental student"],
    "nursing-students": ["student nurse", "nursing student"],
    "midwifery-students": ["student midwife", "midwifery student"],
    "allied-health-students": ["AHP student", "physiotherapy student", "student physio"],
    "paramedic-students": ["student paramedic", "paramedic student"],
    "pharmacy-students": ["pharmacy student", "student pharmacist"],
    "families": ["family", "partner", "spouse", "children", "relative"],
    "all-staff": ["staff", "employee", "worker", "colleague", "health worker", "healthcare worker", "NHS staff"],
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
