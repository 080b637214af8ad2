"""Verdicts read by hand, for the findings whose call sites the shapes in
judge.py do not decide. Key: file:line (all columns of that line)."""
S, D = 'safe', 'dangling'
R = {}
def rule(path, lines, verdict, reason):
    for l in lines:
        R['%s:%d' % (path, l)] = (verdict, reason)

A = 'asio/src/tests/unit/co_composed.cpp'
rule(A, [70, 122, 149, 172, 184, 207, 230, 253, 278, 303, 372, 438], S,
     "co_composed operation on the caller's io_context (std::ref), run to completion by ctx.run() while the context lives")
rule(A, [513], S, "detached co_composed loop on a local io_context: the pending operation is destroyed with the context, never resumed after count1/count2 die")

C = 'async_simple/async_simple/coro/test/'
WAIT = 'started with a completion callback the test waits for (latch, barrier, promise, counter) before its locals die'
rule(C + 'ConditionVariableTest.cpp', [52, 59, 87, 92, 110, 115, 140, 152, 177, 183, 211, 228, 286], S, WAIT)
rule(C + 'SemaphoreTest.cpp', [50, 57, 86, 91, 108, 113, 135, 143], S, WAIT)
rule(C + 'LazyLocalTest.cpp', [75, 132], S, WAIT)
rule(C + 'LazyTest.cpp', [271], S, WAIT)
rule(C + 'ResumeByScheduleTest.cpp', [109], S, WAIT)
rule(C + 'LatchTest.cpp', [44], S, 'detached workers counted down on a latch (work_done) that the test awaits before its locals die')
LAST = "the test waits until it sees the task's last access to its locals (a counter, a value, a released condition)"
rule(C + 'MutexTest.cpp', [50, 68], S, LAST)
rule(C + 'LazyTest.cpp', [311, 319, 459, 1935], S, LAST)
rule(C + 'SpinLockTest.cpp', [60, 72], S, LAST)
rule(C + 'SpinLockTest.cpp', [39, 66], D,
     "the test spins until latch == 0, but latch-- is not the task's last access: the scoped lock it still holds unlocks 'spin', a local that may already be destroyed")
rule(C + 'ConditionVariableTest.cpp', [81], D,
     "producer started with an empty callback and never waited for: the test may end while it is still inside notifier.notify(), a local")
rule(C + 'SemaphoreTest.cpp', [80], D,
     "producer started with an empty callback and never waited for: the test may end while it is still inside notifier.release(), a local")
rule(C + 'ConditionVariableTest.cpp', [280], S,
     "producer detached, but the executor (declared after q) joins its threads before q dies, and the producer reads nothing of its closure after its last push")
rule(C + 'ConditionVariableTest.cpp', [263], S, 'member coroutine Queue::pop, awaited at once (co_await q.pop(i))')
rule(C + 'SpinLockTest.cpp', [140, 142, 148], S,
     'closure temporary handed to test(), which starts the task and waits for it (p.get_future().wait()) inside the same full-expression')
rule(C + 'GeneratorTest.cpp', [137, 145], S, 'generator: runs only while the range-for in the caller iterates it')
rule(C + 'SharedMutexTest.cpp', [76, 81], S, 'tasks stored in a local vector, moved into a lambda that collectAllPara-awaits them, run by syncAwait in the scope')
rule(C + 'LazyTest.cpp', [178, 179], S, "collectAny's other tasks are waited for (cv.wait until cnt == 0) before the locals they refer to die")
rule('async_simple/demo_example/async_multiple_core_echo_server.cpp', [57], S,
     'closure temporary invoked in place inside syncAwait(...): the full-expression waits for the task')

L = 'libcoro/'
rule(L + 'examples/coro_invoke.cpp', [12], S, 'closure handed to coro::invoke, which keeps a copy in the task frame')
rule(L + 'test/test_invoke.cpp', [35, 60, 86], S, 'closure handed to coro::invoke, which keeps a copy in the task frame')
rule(L + 'examples/coro_shared_mutex.cpp', [24, 39], S, 'awaited at once (co_await mutex.scoped_lock(...)(args))')
rule(L + 'test/test_shared_mutex.cpp', [71, 72, 163], S, 'awaited at once (co_await m.scoped_lock(...)(args))')
rule(L + 'test/test_generator.cpp', [15, 125], S, 'generator: runs only while the range-for in the caller iterates it')
rule(L + 'test/test_scheduler.cpp', [804], S, 'spawn_detached on a scheduler joined by scheduler->shutdown() in the scope')
rule(L + 'test/test_thread_pool.cpp', [219, 241], S, 'spawn_detached on a thread_pool joined by tp->shutdown() in the scope')
rule(L + 'test/test_thread_pool.cpp', [303], S, 'spawn_joinable: its join task is sync_wait-ed later in the scope')
rule(L + 'test/test_task.cpp', [58, 274, 293], S, 'held in a local declared after what it refers to and resumed by hand in that scope: destroyed first')
rule(L + 'test/test_task_group.cpp', [28, 53, 76, 103], S, 'started on a task_group joined by sync_wait(group) later in the scope')
rule(L + 'test/test_when_all.cpp', [155], S, 'stored in a local vector co_awaited through when_all(views::all(tasks)) in the scope')
rule(L + 'examples/coro_when_any.cpp', [11, 22], S, 'stored in a local container that is joined later in the scope (sync_wait/co_await of when_all over it)')
MANUAL = R
