// Package fhir turns FHIR R4 JSON into the MAR chart and MAR records into
// FHIR R4 JSON. It is pure: bytes in, mar values out, and back; storing the
// chart is the caller's job (internal/round), which stores all of it or
// nothing.
//
// # Import
//
// ParseBundle reads a Bundle of type collection, transaction, batch or
// searchset (a GP system's search with _include is a natural way to get a
// chart; entries with search.mode "outcome" are reported and skipped). Other
// Bundle types (document, message, history, *-response) are refused: a
// history Bundle holds several versions of one resource and would put stale
// lines on the chart. A file holding one bare Patient, Medication,
// MedicationRequest or AllergyIntolerance is read as a Bundle of that one
// resource, so a single resource sent by another system can be imported; any
// other bare resource is refused.
//
// References are resolved within the file: "Type/id" (also with a base URL
// or _history), the fullUrl of an entry ("urn:uuid:..."), "#id" for a
// contained resource, and a reference by identifier to a Patient
// (subject.identifier with the NHS number or a local number). A reference to
// a resident already stored but not in the file is an error: a chart file
// must carry the Patients it charts. This keeps the import checkable on its
// own.
//
// Each dosageInstruction of a MedicationRequest is one chart entry. The first
// entry has the request's id, the second id+"#2", the third id+"#3", so
// adding a second instruction on a re-import leaves the first entry's
// identity, and its history, alone. The entries of one request are given
// side by side, so dosage instructions with different sequence numbers,
// which FHIR means to follow one another (two tablets at once then one a
// day; a taper), are an error in an active or on-hold request unless each
// has a timing.repeat.boundsPeriod and no two of them overlap: read as
// concurrent lines they would double the dose. Instructions with the same
// sequence number are concurrent and fine. A medicationCodeableConcept, or a
// contained Medication, becomes a Product whose id is derived from its codes
// (see conceptProductID), so the same concept in two requests is one
// product.
//
// Statuses: active, on-hold, stopped, completed and cancelled go on the
// chart. draft and intent proposal/plan are not orders and are reported and
// skipped. entered-in-error is reported, kept off the chart and listed in
// Chart.Retracted, so the caller can end a version stored by an earlier
// import; a request must never stay given because its withdrawal was
// skipped. unknown is an error: nobody can tell whether to give it.
//
// A patch's site rotation (how long a site rests before the next patch may
// go there) is read from the extension urn:medround:patch-site-rotation, a
// valueDuration of 1 to 90 days, on a dosageInstruction (the prescriber's,
// for that entry) or on a Medication (its leaflet's); FHIR R4 has no
// element for it.
//
// Errors and warnings: anything the chart cannot represent faithfully is an
// error and fails the whole file (a timing it cannot express, a reference
// that does not resolve, an invalid NHS number or GTIN, a regular entry
// without a dose, a modifierExtension, doNotPerform). Anything that does not
// change what is given, when, or to whom (resource types the chart does not
// use, elements and extensions it does not read) is returned in
// Chart.Unsupported with its name, never dropped silently. What the chart
// took in but a senior or pharmacist should confirm (an allergy or
// ingredient sent as a bare code and named from mar.CodeName; care notes
// cleaned) is in Chart.Review. An allergy with neither text nor a code the
// table names is an error: the check could not match it by class. Imported
// text has limits (limits.go) and may not hold control characters,
// bidirectional controls or invalid UTF-8.
//
// Dates without a time (boundsPeriod, authoredOn) are civil dates in the
// home's zone: a start is the first instant of that day, an end the first
// instant after that day, so an entry ending "2024-03-31" is still given on
// the 31st.
//
// # Export
//
// AdministrationBundle writes administration events as a collection Bundle
// of MedicationAdministration resources for other health and care systems.
package fhir
