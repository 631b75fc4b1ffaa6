# Anonymous and resident KiB of a /proc/PID/smaps copy, summed by mapping kind: python3 bench/idle/smaps.py FILE...
import sys,re,collections
def parse(p):
    res=collections.defaultdict(lambda:[0,0,0]); cur=None
    for line in open(p):
        m=re.match(r'^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$',line)
        if m:
            size=(int(m.group(2),16)-int(m.group(1),16))//1024
            name=m.group(3).strip()
            if not name:
                name='anon '+('>=64M' if size>=65536 else '>=1M' if size>=1024 else '>=128K' if size>=128 else '<128K')
            elif '/' in name: name='file' if not name.startswith('/memfd') else name
            cur=name; res[cur][2]+=1; continue
        if line.startswith('Anonymous:'): res[cur][0]+=int(line.split()[1])
        if line.startswith('Rss:'): res[cur][1]+=int(line.split()[1])
    return res
for p in sys.argv[1:]:
    r=parse(p); print(p)
    for k,v in sorted(r.items(), key=lambda kv:-kv[1][0]):
        if v[0]>100 or v[1]>1000: print('  %-30s anon %7d rss %7d maps %d'%(k,v[0],v[1],v[2]))
