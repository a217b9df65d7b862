from django.db import models
from django.urls import reverse


class Topic(models.Model):
    municipality = models.ForeignKey("places.Municipality", on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    is_open = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("testapp:topic", args=[self.pk])
