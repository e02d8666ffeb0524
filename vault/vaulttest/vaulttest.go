// Package vaulttest provides what tests of code built on the vault need:
// a key store that lives in memory, standing in for the OS keyring.
package vaulttest

import "github.com/confidenotes/confide/vault"

// KeyStore is an in-memory vault.KeyStore: a map from vault id to the
// device identity. The zero value is not usable; make one with
// vaulttest.KeyStore{}.
type KeyStore map[string]string

// Get implements vault.KeyStore.
func (m KeyStore) Get(id string) (string, error) {
	s, ok := m[id]
	if !ok {
		return "", vault.ErrNoKey
	}
	return s, nil
}

// Set implements vault.KeyStore.
func (m KeyStore) Set(id, s string) error { m[id] = s; return nil }

// Delete implements vault.KeyStore.
func (m KeyStore) Delete(id string) error { delete(m, id); return nil }
