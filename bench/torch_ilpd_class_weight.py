#!/usr/bin/env python3
"""The PyTorch peer figure of test/model/class-weight.test.ts: ILPD, 10-100(relu)-1, Adam lr 0.001, batch 200,
200 epochs, standardized, empty cells filled with the training means, scikit-learn's stratified 80/20 split of
seeds 1-5, with and without binary_cross_entropy_with_logits(weight=) at scikit-learn's 'balanced' weights.
Usage: python3 bench/torch_ilpd_class_weight.py (reads ../shared/data/ilpd.csv)."""
import os
import csv, numpy as np, torch
from sklearn.model_selection import train_test_split
from sklearn.metrics import balanced_accuracy_score
rows=list(csv.reader(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'data', 'ilpd.csv'))))
X=[];y=[]
for r in rows:
    f=[float(r[0]), 1.0 if r[1]=='Male' else 0.0]+[float(v) if v!='' else np.nan for v in r[2:10]]
    X.append(f); y.append(1.0 if r[10]=='2' else 0.0)   # class index: '1' -> 0, '2' -> 1 (backprop's order)
X=np.array(X); y=np.array(y)
res={True:[],False:[]}
for seed in range(1,6):
    tr,te=train_test_split(np.arange(len(y)),test_size=0.2,random_state=seed,stratify=y)
    Xtr,Xte=X[tr].copy(),X[te].copy()
    mu=np.nanmean(Xtr,0); 
    for A in (Xtr,Xte):
        i=np.where(np.isnan(A)); A[i]=np.take(mu,i[1])
    m,s=Xtr.mean(0),Xtr.std(0); Xtr=(Xtr-m)/s; Xte=(Xte-m)/s
    for weighted in (False,True):
        torch.manual_seed(seed)
        net=torch.nn.Sequential(torch.nn.Linear(10,100),torch.nn.ReLU(),torch.nn.Linear(100,1))
        opt=torch.optim.Adam(net.parameters(),lr=1e-3)
        xt=torch.tensor(Xtr,dtype=torch.float32); yt=torch.tensor(y[tr],dtype=torch.float32)[:,None]
        n=len(yt); n1=yt.sum().item(); w1=n/(2*n1); w0=n/(2*(n-n1))
        g=torch.Generator().manual_seed(seed)
        for ep in range(200):
            perm=torch.randperm(n,generator=g)
            for b in range(0,n,200):
                idx=perm[b:b+200]; xb,yb=xt[idx],yt[idx]
                w=(yb*w1+(1-yb)*w0) if weighted else None
                loss=torch.nn.functional.binary_cross_entropy_with_logits(net(xb),yb,weight=w)
                opt.zero_grad(); loss.backward(); opt.step()
        p=(net(torch.tensor(Xte,dtype=torch.float32))[:,0]>0).numpy().astype(float)
        res[weighted].append((np.mean(p==y[te]), balanced_accuracy_score(y[te],p)))
for k,v in res.items():
    a=np.array(v); print('weighted' if k else 'plain', 'acc %.4f (%.4f..%.4f)'%(a[:,0].mean(),a[:,0].min(),a[:,0].max()), 'bacc %.4f (%.4f..%.4f)'%(a[:,1].mean(),a[:,1].min(),a[:,1].max()))
