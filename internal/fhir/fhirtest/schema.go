package fhirtest

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"medround/internal/corpustest"
)

// The one schema checker: internal/fhir's export tests and the central
// record's FHIR endpoint tests are held to the same schema by it.

// Schema is the small part of JSON Schema draft-06 the official FHIR R4
// schema uses for resources: $ref, properties, additionalProperties false,
// required, type, items, enum, const and pattern. A resource in a Bundle is
// checked against the definition its resourceType names, which is what the
// schema's oneOf over all resources amounts to.
type Schema struct {
	defs     map[string]map[string]json.RawMessage
	patterns map[string]*regexp.Regexp
}

// LoadSchema reads r4/fhir.schema.json under corpusDir; a missing schema
// fails the test (corpustest.Missing says how a run without it is marked).
func LoadSchema(t testing.TB, corpusDir string) *Schema {
	t.Helper()
	data, err := os.ReadFile(corpusDir + "/r4/fhir.schema.json")
	if err != nil {
		corpustest.Missing(t, err)
	}
	var doc struct {
		Definitions map[string]map[string]json.RawMessage `json:"definitions"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return &Schema{defs: doc.Definitions, patterns: map[string]*regexp.Regexp{}}
}

// Validate checks v against definition name and returns every violation.
func (s *Schema) Validate(name string, v any, path string) []string {
	def, ok := s.defs[name]
	if !ok {
		return []string{fmt.Sprintf("%s: no definition %s", path, name)}
	}
	return s.check(def, v, path)
}

func (s *Schema) check(node map[string]json.RawMessage, v any, path string) []string {
	var errs []string
	if raw, ok := node["$ref"]; ok {
		var ref string
		_ = json.Unmarshal(raw, &ref)
		name := strings.TrimPrefix(ref, "#/definitions/")
		if name == "ResourceList" {
			obj, _ := v.(map[string]any)
			rt, _ := obj["resourceType"].(string)
			return s.Validate(rt, v, path)
		}
		errs = append(errs, s.Validate(name, v, path)...)
	}
	if raw, ok := node["const"]; ok {
		var c any
		_ = json.Unmarshal(raw, &c)
		if c != v {
			errs = append(errs, fmt.Sprintf("%s: %v, want %v", path, v, c))
		}
	}
	if raw, ok := node["enum"]; ok {
		var enum []any
		_ = json.Unmarshal(raw, &enum)
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v is not one of %v", path, v, enum))
		}
	}
	if raw, ok := node["type"]; ok {
		var typ string
		_ = json.Unmarshal(raw, &typ)
		errs = append(errs, s.checkType(node, typ, v, path)...)
	}
	if raw, ok := node["properties"]; ok {
		errs = append(errs, s.checkObject(node, raw, v, path)...)
	}
	return errs
}

func (s *Schema) checkType(node map[string]json.RawMessage, typ string, v any, path string) []string {
	switch typ {
	case "string":
		str, ok := v.(string)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want string", path, v)}
		}
		if raw, ok := node["pattern"]; ok {
			var pat string
			_ = json.Unmarshal(raw, &pat)
			re := s.patterns[pat]
			if re == nil {
				re = regexp.MustCompile(pat)
				s.patterns[pat] = re
			}
			if !re.MatchString(str) {
				return []string{fmt.Sprintf("%s: %q does not match %s", path, str, pat)}
			}
		}
	case "number":
		if _, ok := v.(float64); !ok {
			return []string{fmt.Sprintf("%s: %T, want number", path, v)}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return []string{fmt.Sprintf("%s: %T, want boolean", path, v)}
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: %T, want array", path, v)}
		}
		var items map[string]json.RawMessage
		_ = json.Unmarshal(node["items"], &items)
		var errs []string
		for i, x := range arr {
			errs = append(errs, s.check(items, x, fmt.Sprintf("%s[%d]", path, i))...)
		}
		return errs
	}
	return nil
}

func (s *Schema) checkObject(node map[string]json.RawMessage, rawProps json.RawMessage, v any, path string) []string {
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: %T, want object", path, v)}
	}
	var props map[string]map[string]json.RawMessage
	_ = json.Unmarshal(rawProps, &props)
	var errs []string
	var required []string
	_ = json.Unmarshal(node["required"], &required)
	for _, r := range required {
		if _, ok := obj[r]; !ok {
			errs = append(errs, fmt.Sprintf("%s: required %s is missing", path, r))
		}
	}
	for k, x := range obj {
		p, ok := props[k]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: %s is not allowed", path, k))
			continue
		}
		errs = append(errs, s.check(p, x, path+"."+k)...)
	}
	return errs
}
