package fhir
import ("testing";"os";"encoding/json")
func TestDump(t *testing.T){ d,_:=os.ReadFile("testdata/"+os.Getenv("F")); c,err:=ParseBundle(d,"x"); b,_:=json.MarshalIndent(c,""," "); t.Log(string(b), err)}
