package main

import (
	"os"
	"path/filepath"
	"slices"

	"medround/internal/mar"
	"medround/internal/store"
)

func main() {
	st, err := store.Open(filepath.Join(os.Args[1], store.DatabaseFile), store.Options{})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	h, _ := st.Home()
	h.Rounds = slices.DeleteFunc(h.Rounds, func(r mar.Round) bool { return r.Name == "night" })
	if err := st.PutHome(h); err != nil {
		panic(err)
	}
}
