"""Requests sent at the same moment, each from its own thread with its own database connection."""

import threading

from django.db import connection


def at_once(*calls):
    """Runs each call in a thread of its own, all released together; returns what each returned,
    in order."""
    start = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            start.wait()
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
