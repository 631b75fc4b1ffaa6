/*
 * The machine's own spawn floor, with no .NET and no supervisor: N posix_spawns of `sleep 3600`
 * (new session, as pbm starts programs) from T threads, timed until every call returned (the child
 * has exec'd), then all killed and reaped. Usage: spawn_floor [N=100] [T=1] [ROUNDS=5]
 *   gcc -O2 -pthread -o /tmp/spawn_floor bench/Processes.Bench/floor/spawn_floor.c && /tmp/spawn_floor 100 1 5
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static pid_t *pids;
static int per_thread;

static void *spawn_some(void *arg)
{
    long first = (long)arg * per_thread;
    char *argv[] = {"sleep", "3600", NULL};
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
    for (int i = 0; i < per_thread; i++)
    {
        if (posix_spawnp(&pids[first + i], "sleep", NULL, &attr, argv, environ) != 0)
        {
            perror("posix_spawnp");
            exit(1);
        }
    }
    posix_spawnattr_destroy(&attr);
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100;
    int threads = argc > 2 ? atoi(argv[2]) : 1;
    int rounds = argc > 3 ? atoi(argv[3]) : 5;
    if (n < 1 || threads < 1 || threads > 64 || rounds < 1 || rounds > 100)
    {
        fprintf(stderr, "usage: spawn_floor [N=100] [THREADS=1..64] [ROUNDS=1..100]\n");
        return 2;
    }

    per_thread = (n + threads - 1) / threads;
    pids = calloc((size_t)per_thread * threads, sizeof(pid_t));
    double times[100];
    for (int round = 0; round < rounds; round++)
    {
        pthread_t ids[64];
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (long t = 0; t < threads; t++)
        {
            pthread_create(&ids[t], NULL, spawn_some, (void *)t);
        }
        for (int t = 0; t < threads; t++)
        {
            pthread_join(ids[t], NULL);
        }
        clock_gettime(CLOCK_MONOTONIC, &end);
        times[round] = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
        for (int i = 0; i < per_thread * threads; i++)
        {
            kill(pids[i], SIGKILL);
            waitpid(pids[i], NULL, 0);
        }
    }

    qsort(times, (size_t)rounds, sizeof(double), by_value);
    printf("%d posix_spawns of sleep from %d thread(s): median %.1f ms (min %.1f, max %.1f; %d rounds)\n",
           per_thread * threads, threads, times[rounds / 2], times[0], times[rounds - 1], rounds);
    free(pids);
    return 0;
}
