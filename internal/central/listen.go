package central

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// ErrPlainHTTP refuses plain HTTP on an address other hosts can reach:
// tokens and records would cross the network in the clear.
var ErrPlainHTTP = errors.New("plain HTTP is only allowed on a loopback address (127.0.0.1, ::1, localhost): give --tls-cert and --tls-key")

// CheckListen refuses a listen address that is not loopback when there is
// no TLS.
func CheckListen(addr string, withTLS bool) error {
	if withTLS {
		return nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %w", addr, err)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return ErrPlainHTTP
	}
	return nil
}

// ServeConfig says where and how to serve.
type ServeConfig struct {
	Addr             string
	TLSCert, TLSKey  string // both or neither
	OnListening      func(addr string)
	ShutdownDeadline time.Duration
}

// Serve runs the API until ctx ends, then shuts down gracefully.
func Serve(ctx context.Context, h http.Handler, cfg ServeConfig) error {
	withTLS := cfg.TLSCert != "" || cfg.TLSKey != ""
	if withTLS && (cfg.TLSCert == "" || cfg.TLSKey == "") {
		return errors.New("give both --tls-cert and --tls-key")
	}
	if err := CheckListen(cfg.Addr, withTLS); err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10, TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.OnListening != nil {
		cfg.OnListening(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() {
		if withTLS {
			done <- srv.ServeTLS(ln, cfg.TLSCert, cfg.TLSKey)
			return
		}
		done <- srv.Serve(ln)
	}()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	deadline := cfg.ShutdownDeadline
	if deadline <= 0 {
		deadline = 10 * time.Second
	}
	sctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}
