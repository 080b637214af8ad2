// Helpers defined in a project header: followed only with
// FollowCallsIntoHeaders.
#pragma once
#include <unistd.h>

inline void flushJournal(int Fd) { fsync(Fd); }
