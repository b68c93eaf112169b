package fhir

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"medround/internal/mar"
)

// Chart is what one FHIR file says about the home's chart.
type Chart struct {
	Residents []mar.Resident
	Products  []mar.Product
	Entries   []mar.ChartEntry
	Allergies []mar.Allergy
	// Protocols are the PRN protocols the file's when-required lines give
	// (readProtocols); the caller records one as a line's protocol when it
	// says something new.
	Protocols []mar.PRNProtocol
	// Retracted lists the ids of MedicationRequests the file marks
	// entered-in-error. None of their entries is in Entries; the caller ends
	// any version of them (id, id#2, ...) stored by an earlier import.
	Retracted []string
	// Unsupported lists what the file holds that the chart does not use.
	// None of it changes what is given, when or to whom.
	Unsupported []Unsupported
	// Review lists what the chart took in but a senior or pharmacist should
	// confirm: an allergy or ingredient named from its code (mar.CodeName),
	// a care note cleaned of characters that could drive a screen.
	Review []Unsupported
}

// chartTypes are the resource types the chart is made of.
var chartTypes = []string{"Patient", "Medication", "MedicationRequest", "AllergyIntolerance"}

// bundleTypes are the Bundle types read as a chart.
var bundleTypes = []string{"collection", "transaction", "batch", "searchset"}

// homeZone is the zone civil dates are read in by ParseBundle.
const homeZone = "Europe/London"

// ParseBundle reads a FHIR R4 JSON file, a Bundle or one bare chart
// resource, into the chart it describes. name is the file name, used in
// messages. Civil dates are read in Europe/London. Any error is an *Error
// listing every problem found; then nothing of the file may be stored.
func ParseBundle(data []byte, name string) (*Chart, error) {
	loc, err := time.LoadLocation(homeZone)
	if err != nil {
		return nil, fmt.Errorf("fhir %s: time zone %s is not available (build with time/tzdata): %w", name, homeZone, err)
	}
	return ParseBundleIn(data, name, loc)
}

// ParseBundleIn is ParseBundle for a home in another time zone: civil dates
// (a boundsPeriod of "2024-03-31") are days in loc.
func ParseBundleIn(data []byte, name string, loc *time.Location) (*Chart, error) {
	p := &parser{file: name, loc: loc, byKey: map[string]*node{}}
	p.read(data)
	if len(p.errs) > 0 {
		return nil, &Error{File: name, Problems: p.errs}
	}
	p.chart.Unsupported = p.warns
	p.chart.Review = p.reviews
	return &p.chart, nil
}

// node is one resource of the file.
type node struct {
	typ, id string
	where   string // how messages name it: "Patient/abc"
	raw     json.RawMessage
	head    resourceHead
	owner   *node // the resource that contains this one, if contained

	resident *mar.Resident // set once a Patient is read
	product  *mar.Product  // set once a Medication is read
}

type parser struct {
	problems
	file  string
	loc   *time.Location
	nodes []*node
	byKey map[string]*node
	chart Chart
	// additional holds each entry's additionalInstruction labels, for its
	// PRN protocol.
	additional map[string][]string
	// gpRead marks the Practitioner, Organization and PractitionerRole
	// resources a Patient's generalPractitioner read; the others are
	// reported as ignored.
	gpRead map[*node]bool
}

func (p *parser) read(data []byte) {
	var head resourceHead
	if err := json.Unmarshal(data, &head); err != nil {
		p.fail("file", "", "%s", jsonProblem(err))
		return
	}
	switch {
	case head.ResourceType == "Bundle":
		p.readBundle(data)
	case contains(chartTypes, head.ResourceType):
		p.addNode(data, head, "", "", "the file")
	case head.ResourceType == "":
		p.fail("file", "", "not a FHIR resource: it has no resourceType; export the chart as a FHIR R4 Bundle")
		return
	default:
		p.fail(head.ResourceType, "", "%s is not a chart: import a Bundle of Patient, Medication, MedicationRequest and AllergyIntolerance", head.ResourceType)
		return
	}
	if len(p.errs) > 0 {
		return
	}
	p.readResources()
	if len(p.errs) == 0 {
		p.checkText()
	}
	if len(p.errs) == 0 {
		p.validate()
	}
	if len(p.errs) == 0 {
		p.readProtocols()
	}
}

func (p *parser) readBundle(data []byte) {
	var b bundleJSON
	if err := json.Unmarshal(data, &b); err != nil {
		p.fail("Bundle", "", "%s", jsonProblem(err))
		return
	}
	bundleElements.check(&p.problems, "Bundle", "", data)
	if !contains(bundleTypes, b.Type) {
		p.fail("Bundle", "type", "Bundle type %q is not supported: send a collection, transaction, batch or searchset Bundle", b.Type)
		return
	}
	var raws struct {
		Entry []json.RawMessage `json:"entry"`
	}
	_ = json.Unmarshal(data, &raws)
	for i, e := range b.Entry {
		where := fmt.Sprintf("Bundle entry %d", i)
		if i < len(raws.Entry) {
			entryElements.check(&p.problems, where, "", raws.Entry[i])
		}
		p.readEntry(e, where)
	}
}

func (p *parser) readEntry(e entryJSON, where string) {
	if e.Request != nil {
		switch strings.ToUpper(e.Request.Method) {
		case "DELETE":
			p.fail(where, "request.method", "DELETE is not supported: to take a medicine off the chart send its MedicationRequest with status stopped")
			return
		case "GET", "HEAD":
			p.warn(where, "request.method", "%s %s reads from a server and was ignored", e.Request.Method, e.Request.URL)
			return
		}
	}
	if e.Search != nil && e.Search.Mode == "outcome" {
		p.warn(where, "search.mode", "a search outcome is not part of the chart and was ignored")
		return
	}
	if len(e.Resource) == 0 || string(e.Resource) == "null" {
		p.warn(where, "resource", "entry has no resource and was ignored")
		return
	}
	var head resourceHead
	if err := json.Unmarshal(e.Resource, &head); err != nil {
		p.fail(where, "resource", "%s", jsonProblem(err))
		return
	}
	if !contains(chartTypes, head.ResourceType) && !contains(gpTypes, head.ResourceType) {
		p.warn(where, "", "resource type %s is ignored: the chart uses %s", orNone(head.ResourceType), strings.Join(chartTypes, ", "))
		return
	}
	url := ""
	if e.Request != nil {
		url = e.Request.URL
	}
	p.addNode(e.Resource, head, e.FullURL, url, where)
}

// addNode indexes a chart resource by type/id and by fullUrl.
func (p *parser) addNode(raw json.RawMessage, head resourceHead, fullURL, requestURL, where string) {
	id := head.ID
	if id == "" {
		id = idFromURL(fullURL, head.ResourceType)
	}
	if id == "" {
		id = idFromURL(requestURL, head.ResourceType)
	}
	if id == "" {
		p.fail(where, "id", "the %s has no id and no fullUrl, so it cannot be kept across imports; give it an id", head.ResourceType)
		return
	}
	n := &node{typ: head.ResourceType, id: id, where: head.ResourceType + "/" + id, raw: raw, head: head}
	for _, key := range []string{n.where, fullURL} {
		if key == "" {
			continue
		}
		if old, dup := p.byKey[key]; dup && old != n {
			p.fail(n.where, "", "appears twice in the file (%s); send each resource once", key)
			return
		}
		p.byKey[key] = n
	}
	p.nodes = append(p.nodes, n)
}

// idFromURL takes the id out of "urn:uuid:X" or ".../Type/X".
func idFromURL(u, typ string) string {
	if rest, ok := strings.CutPrefix(u, "urn:uuid:"); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(u, "urn:oid:"); ok {
		return rest
	}
	u, _, _ = strings.Cut(u, "/_history/")
	parts := strings.Split(u, "/")
	if len(parts) >= 2 && parts[len(parts)-2] == typ && !strings.ContainsAny(parts[len(parts)-1], "?=") {
		return parts[len(parts)-1]
	}
	return ""
}

// readResources reads Patients and Medications first, so that requests and
// allergies can point at what they made.
func (p *parser) readResources() {
	for _, n := range p.nodes {
		if n.typ == "Patient" {
			p.readPatient(n)
		}
	}
	for _, n := range p.nodes {
		if n.typ == "Medication" {
			if prod := p.readMedication(n); prod != nil {
				n.product = prod
				p.chart.Products = append(p.chart.Products, *prod)
			}
		}
	}
	for _, n := range p.nodes {
		switch n.typ {
		case "MedicationRequest":
			p.readRequest(n)
		case "AllergyIntolerance":
			p.readAllergy(n)
		}
	}
	p.warnUnreadGP()
}

// resolve finds what ref points at: a contained resource of from ("#id"), an
// entry by fullUrl, or an entry by "Type/id" with or without a base URL.
func (p *parser) resolve(from *node, ref *reference) *node {
	if ref == nil || ref.Reference == "" {
		return nil
	}
	r := ref.Reference
	if id, ok := strings.CutPrefix(r, "#"); ok {
		return p.contained(from, id)
	}
	if n := p.byKey[r]; n != nil {
		return n
	}
	r, _, _ = strings.Cut(r, "/_history/")
	parts := strings.Split(r, "/")
	if len(parts) >= 2 {
		return p.byKey[parts[len(parts)-2]+"/"+parts[len(parts)-1]]
	}
	return nil
}

// contained finds a contained resource by its local id.
func (p *parser) contained(from *node, id string) *node {
	for from.owner != nil {
		from = from.owner // contained resources cannot contain; refer to the container's list
	}
	for _, raw := range from.head.Contained {
		var head resourceHead
		if json.Unmarshal(raw, &head) != nil || head.ID != id {
			continue
		}
		return &node{typ: head.ResourceType, id: from.id + "#" + id,
			where: from.where + " contained " + head.ResourceType + "/" + id, raw: raw, head: head, owner: from}
	}
	return nil
}

// decode reads a resource or element into v, reporting a malformed one
// against where it is.
func (p *parser) decode(resource, path string, raw json.RawMessage, v any) bool {
	if err := json.Unmarshal(raw, v); err != nil {
		p.fail(resource, path, "%s", jsonProblem(err))
		return false
	}
	return true
}

// jsonProblem turns a decoding error into a message that names the element.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input":
		return "not valid JSON: the file ends too soon; export it again"
	case errors.As(err, &syn):
		return fmt.Sprintf("not valid JSON at byte %d (%v); export the file again", syn.Offset, syn)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "the file"
		}
		return fmt.Sprintf("%s is a JSON %s, want %s: the file does not follow FHIR R4", field, typ.Value, jsonKind(typ.Type.String()))
	}
	return oneLine(err.Error())
}

// jsonKind names a Go type as the JSON a FHIR file should have held.
func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case goType == "string" || goType == "*string":
		return "a string"
	case strings.Contains(goType, "int") || strings.Contains(goType, "float"):
		return "a number"
	case strings.Contains(goType, "bool"):
		return "true or false"
	}
	return "an object"
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
