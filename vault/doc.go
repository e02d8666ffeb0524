// Package vault is Confide's encrypted store: one folder holding a whole
// practice's database, encrypted with age, unlocked from the OS keyring,
// and written so that a crash or a full disk never loses an acknowledged
// change. It knows nothing of notes or clients; the domain packages own
// their tables and reach the database only through a Vault.
//
// # On disk
//
// A vault is a folder:
//
//	vault.json      plaintext, nothing secret: format, id, recipients
//	vault.age       the snapshot: an age file whose plaintext is an SQLite database
//	journal         commits since the snapshot, each an age-sealed record
//	lock            held with an OS file lock while a process has the vault open
//	passphrase.age  optional: the device key sealed with an age passphrase
//
// The snapshot is a standard age file and its plaintext a standard SQLite
// file, so `age -d -i key vault.age > db.sqlite` and `sqlite3 db.sqlite`
// always get the data out. That is a promise: vault/testdata holds a vault
// of each released format version, and every release must still open it.
//
// # Unlocking
//
// The device key (an age X25519 identity) lives in the OS keyring under the
// service "confide" and the vault id, or sealed with a passphrase in
// passphrase.age. The recovery key, shown once at creation, opens the vault
// on a new machine, where EnrollDevice adds a device key for it. Every
// change of recipients re-encrypts the snapshot at once.
//
// Open decrypts the snapshot, loads it into an in-memory SQLite database
// (it never exists in plaintext on disk: temp_store is MEMORY and nothing
// is spilled), and replays the journal records of the current generation.
//
// # Writing, and why it is crash safe
//
// Every write goes through Update. The statements a transaction executed,
// with their arguments, become one journal record; the record is sealed
// with age, appended and fsynced, and only then committed in memory and
// acknowledged. Statements must be deterministic (times and ids come in as
// arguments), so replaying them reproduces the commit exactly.
//
// Compaction (at Close, and when the journal passes a bound) serializes the
// database, encrypts it to a temp file in the same folder, checks that the
// file decrypts back to the same bytes, fsyncs, closes, renames it over
// vault.age and fsyncs the folder; only then does a new, empty journal
// generation begin. Records name the generation they follow, so records
// left from an older generation are known to be in the snapshot already.
//
// The ordering invariant: a commit is acknowledged only after its record is
// durable; the snapshot is replaced only by a complete, checked file; the
// journal is reset only after the snapshot that contains it is durable.
//
// A torn final journal record (power lost mid-append) was never
// acknowledged and is discarded. Any other damage, in the snapshot, the
// journal or the event log, is reported as a *DamageError (ErrDamaged)
// naming the file and the record, and nothing is skipped silently.
//
// # The event log
//
// Tx.Append adds to a hash-chained, append-only log inside the database;
// VerifyLog recomputes the chain, so a past entry changed or removed is
// detected. Domain packages record there what they must be able to prove.
package vault
