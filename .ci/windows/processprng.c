/*
 * bcryptprimitives.dll for Wine 8.0, used only by make test-windows.
 *
 * Go programs (1.24 and later) load ProcessPrng from bcryptprimitives.dll
 * at start and die without it ("bcryptprimitives.dll not found"). Windows
 * 10 and 11 have it; Wine 8.0, the only Wine in Debian bookworm, does not.
 * This DLL exports ProcessPrng and fills the buffer from BCryptGenRandom,
 * the system's preferred generator, which Wine does have. It is copied into
 * the test's own Wine prefix and never shipped.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll processprng.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
