// Package vault is Confide's encrypted store: one folder holding a whole
// practice's database, encrypted with age, unlocked from the OS keyring,
// written so that a crash, a power cut or a full disk never loses an
// acknowledged change, and authenticated so that nothing it did not write,
// and nothing older than what this device last saw, is taken for the
// vault. It knows nothing of notes or clients; the domain packages own
// their tables and reach the database only through a Vault.
//
// The threat model (what a thief with the laptop, someone who can write
// to the folder, and a key holder can and cannot do) is in
// docs/threat-model.md.
//
// # On disk
//
// A vault is a folder:
//
//	vault.json      plaintext, nothing secret: format, id, recipients; a mirror of the snapshot
//	vault.age       the snapshot: an age file whose plaintext is an SQLite database
//	journal         commits since the snapshot, each an encrypted, authenticated record
//	lock            held with an OS file lock while a process has the vault open
//	passphrase.age  optional: the device key sealed with an age passphrase
//
// Any one of vault.json, vault.age, journal and passphrase.age makes the
// folder a vault: Create refuses it (ErrExists), and Open never reports
// "no vault" for it. vault.json is only a mirror; when it is missing or
// unreadable, Open finds the vault id in the snapshot's header (or in the
// device state) and a writable Open writes vault.json again.
//
// The snapshot is a standard age file and its plaintext a standard SQLite
// file, so `age -d -i key vault.age > db.sqlite` and `sqlite3 db.sqlite`
// always get the data out; stock age ignores the stanzas Confide adds.
// That is a promise: vault/testdata holds a vault of each released format
// version, and every release must still open it (format 1, from before
// authentication, with Restore once, which upgrades it).
//
// # Unlocking
//
// The device key (an age X25519 identity) lives in the OS keyring under the
// service "confide" and the vault id, or sealed with a passphrase in
// passphrase.age, or in an identity file the caller holds. The recovery
// key, shown once at creation, opens the vault on a new machine, where
// EnrollDevice adds a device key for it. Every change of recipients
// re-encrypts the snapshot at once.
//
// Open decrypts the snapshot, authenticates it, loads it into an in-memory
// SQLite database (it never exists in plaintext on disk: temp_store is
// MEMORY and nothing is spilled), replays the journal records of the
// current generation, and compares what it found with the device state.
// A folder that cannot be written (a read-only medium) opens read-only.
//
// # Authentication: the root of trust
//
// The recipient list is public (vault.json), so anyone who can write to
// the folder can encrypt a file to the vault. What they cannot do is
// authenticate it. Every age file the vault writes, the snapshot and each
// journal's key frame, carries beside its X25519 stanzas stanzas that
// stock age ignores (auth.go):
//
//	confide-auth KIND VAULT-ID GENERATION EPOCH WRITER
//	    HMAC-SHA256, keyed with the vault's authentication key A, over
//	    those fields (each length-prefixed as an unsigned varint) and the
//	    file key. age's header MAC binds every stanza to the file key and
//	    the payload is sealed under it, so the tag vouches for the whole
//	    file, and names the generation it is.
//	confide-wrap EPOCH RECIPIENT
//	    A sealed with XChaCha20-Poly1305 under a key derived (HKDF-SHA256)
//	    from that recipient's own secret identity string.
//	confide-link EPOCH
//	    A of EPOCH+1 sealed under A of EPOCH.
//
// A is 32 random bytes. The secret that a key-less party cannot have is
// therefore each key itself: a device reaches A only through the wrap its
// own key opens (the key lives in the keyring, the passphrase file or the
// identity file, and the secret with it), and only the holder of that key
// could have made the wrap. Open authenticates the header before a byte
// of the database is decrypted, and refuses, as a *DamageError naming the file,
// a snapshot or key frame that does not authenticate; the records of a
// journal are sealed under a key carried in its authenticated key frame,
// and each names its vault, generation and position. Removing a device or
// rotating the recovery key starts a new epoch (a new A, linked from the
// old), so a removed key cannot authenticate anything this device accepts.
//
// Replay does not trust even an authentic record blindly: its statements
// pass the same checks as Tx.Exec (no schema change, no write to the
// vault's own tables, nothing non-deterministic), except a migration's,
// and an event log entry must extend the chain.
//
// # The device state: nothing older than last seen
//
// Authentication cannot tell a file from an older copy of itself. So each
// device (each user account on each machine) keeps, outside the folder, in
// the per-user state folder (DefaultStateDir: ~/.local/state/confide on
// Linux; CONFIDE_STATE_DIR overrides it), one small file per vault folder
// recording the newest state it saw there: the generation, the number of
// journal records, the hash chain through the snapshot's tag, the key
// frame and every record, the event log's newest entry and its hash, and
// the key epoch. Every commit appends a line (and fsyncs) before it is
// acknowledged; Open and compaction rewrite it. Open refuses, as a
// *DamageError that is also ErrStale:
//
//   - a snapshot of an older generation or key epoch;
//   - a journal that lost records this device saw acknowledged: deleted,
//     emptied, cut at a record's end, zero-filled, or replaced;
//   - an event log that lost entries this device saw.
//
// A newer generation is accepted (it is authenticated, and this device, or
// another, compacted). A folder this device never saw (a new machine, a
// backup opened where it lies) has nothing to be compared with: Verify
// says "first use". The state is kept in a file rather than the keyring
// because it changes with every commit, and a keyring write per commit
// (a D-Bus round trip, or a prompt on macOS) would be slow and fragile.
//
// A backup put back on purpose is accepted only through an explicit step:
// the Restore option (confidectl restore), which still refuses damage,
// then records the folder as the newest state. RestoreFrom copies a backup
// into a folder without vault files; nothing is ever overwritten.
//
// # Two devices (the next capability)
//
// The design leaves room for one practice on two devices synced by a
// file-sync engine. Every device has its own recipient, wrap and state;
// the WRITER field of the authentication stanza names the device that
// wrote a file, so each device can keep its own journal (journal-<device>)
// in the shared folder, appended only by it and authenticated the same
// way; the device state then records the newest record seen of each
// journal, and compaction folds the journals it has into a snapshot that
// names, per device, the last record it holds. What is not built yet:
// per-device journals, merging them, and agreeing on who compacts.
//
// # Writing, and why it is crash safe
//
// Every write goes through Update. The statements a transaction executed,
// with their arguments, become one journal record; the record is sealed,
// appended and fsynced, the device state line appended and fsynced, and
// only then is the transaction committed in memory and acknowledged.
// Statements must be deterministic (times and ids come in as arguments),
// so replaying them reproduces the commit exactly.
//
// Compaction (at Close, and when the journal passes a bound) serializes the
// database, encrypts it to a temp file in the same folder, checks that the
// file decrypts back to the same bytes and authenticates, fsyncs, closes,
// renames it over vault.age and fsyncs the folder; only then does a new,
// empty journal generation begin. Records name the generation they follow,
// so records left from an older generation are known to be in the
// snapshot already. Once the rename succeeded the new generation is the
// vault: what follows (the device state, the vault.json mirror, the new
// journal) is repaired or retried later and reported as a warning
// (Warnings), never undone; the recipients are never reverted after the
// snapshot changed.
//
// The ordering invariant: a commit is acknowledged only after its record
// and the device state that counts it are durable (the state never runs
// ahead of the journal); the snapshot is replaced only by a complete,
// checked file; the journal is reset only after the snapshot that
// contains it is durable; the device state moves to a new generation only
// after its snapshot is durable.
//
// A compaction that fails after commits are durable loses nothing: Update
// still returns nil (the failure is in Warnings), and Close returns an
// error wrapping ErrNotCompacted, which callers report as a warning.
//
// A torn final journal record (power lost mid-append) was never
// acknowledged and is discarded (Verify reports its bytes). Any other
// damage, in the snapshot, the journal or the event log, is reported as a
// *DamageError (ErrDamaged) naming the file and the record, and nothing is
// skipped silently.
//
// Every file operation goes through a small file-system interface (fs.go).
// The power-loss tests run the vault on a simulated disk that, at a chosen
// operation, loses every write not followed by an fsync and every
// creation, rename or removal whose folder was not fsynced, then reopen:
// make test cuts a scripted session at every operation, make crash-long
// at 10,000 random ones. A SIGKILL alone cannot test durability: the
// page cache survives it.
//
// # Files written for the user
//
// One crash-safe writer writes every file Confide writes, the vault's own
// and those for the user (WriteFile, CreateFile, PlaceFile): a temp file
// beside the destination, mode 0600, fsync, rename, fsync of the folder,
// every error checked, the temp file removed on failure. It refuses a
// destination inside a vault folder (ErrInsideVault) and a vault folder
// itself. Folders are synced by syncDir: an fsync of the folder on Linux,
// macOS and the BSDs (syncdir_other.go); on Windows, which refuses to sync
// a folder, the rename itself is made durable instead, with MoveFileEx and
// MOVEFILE_WRITE_THROUGH, and syncDir does nothing (syncdir_windows.go).
//
// # Memory
//
// What is promised, and no more: on Lock and Close the database image
// SQLite holds (one buffer, handed over whole when the snapshot is loaded,
// memdb.go) is overwritten with zeros before SQLite frees it, and so are
// the serialized copy made at each compaction, the fallback's read buffer
// and the authentication key. Not zeroed: buffers SQLite frees when the
// database outgrows its buffer and is moved, pages SQLite copies into its
// page cache, the strings and byte slices that Go code (the domain
// packages, the desktop app) copied out of the database, which Go's
// garbage collector frees without clearing, age's internal buffers, and
// whatever the operating system wrote to swap, a hibernation file or a
// core dump. Full-disk encryption (with encrypted swap) is what protects
// those; Confide does not claim to.
//
// # The event log
//
// Tx.Append adds to a hash-chained, append-only log inside the database;
// VerifyLog recomputes the chain, so a past entry changed or removed is
// detected, and the device state's log head catches the newest entries
// removed. Domain packages record there what they must be able to prove.
package vault
