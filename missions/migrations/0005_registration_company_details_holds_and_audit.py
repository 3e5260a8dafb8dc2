"""Registrations keep what the form said about the company (a company row is
made only at confirmation); staff holds; a mission's phase follows its dates,
only the cancellation is stored; the audit record of deleted registrations."""

import amur_invest.text
import django.db.models.deletion
import django.utils.timezone
import partners.validators
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('missions', '0004_plain_text_validators'),
        ('partners', '0005_plain_text_validators'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DeletedRegistration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('registration_pk', models.PositiveBigIntegerField(verbose_name='registration number')),
                ('inn', models.CharField(max_length=12, verbose_name='INN')),
                ('company_name', models.CharField(max_length=300, validators=[amur_invest.text.PlainTextValidator()], verbose_name='company')),
                ('status', models.CharField(choices=[('unconfirmed', 'awaiting email confirmation'), ('submitted', 'submitted'), ('accepted', 'accepted'), ('waitlisted', 'on the waiting list'), ('held', 'in reserve'), ('declined', 'declined'), ('withdrawn', 'withdrawn')], max_length=20, verbose_name='status when deleted')),
                ('delegates', models.PositiveSmallIntegerField(verbose_name='delegates')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='confirmed at')),
                ('registered_at', models.DateTimeField(verbose_name='registered at')),
                ('history', models.JSONField(default=list, verbose_name='status history')),
                ('deleted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='deleted at')),
                ('reason', models.TextField(blank=True, validators=[amur_invest.text.PlainTextValidator(multiline=True)], verbose_name='reason')),
            ],
            options={
                'verbose_name': 'deleted registration',
                'verbose_name_plural': 'deleted registrations',
                'ordering': ['-deleted_at', '-id'],
            },
        ),
        migrations.AlterModelOptions(
            name='mission',
            options={'ordering': ['-starts_on'], 'permissions': [('manage_admission', 'Can change seats, admission, registration dates and cancellation of a mission')], 'verbose_name': 'business mission', 'verbose_name_plural': 'business missions'},
        ),
        migrations.RemoveConstraint(
            model_name='registration',
            name='missions_registration_one_per_company',
        ),
        migrations.AddField(
            model_name='mission',
            name='cancelled',
            field=models.BooleanField(default=False, help_text='A cancelled mission takes no registrations. Whether a mission is upcoming, in progress or completed follows from its dates.', verbose_name='cancelled'),
        ),
        migrations.AddField(
            model_name='registration',
            name='company_district',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='partners.district', verbose_name='district, as given'),
        ),
        migrations.AddField(
            model_name='registration',
            name='company_name',
            field=models.CharField(default='', max_length=300, validators=[amur_invest.text.PlainTextValidator()], verbose_name='company name in Russian, as given'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='registration',
            name='company_name_other',
            field=models.CharField(blank=True, max_length=300, validators=[amur_invest.text.PlainTextValidator()], verbose_name='company name in English or Japanese, as given'),
        ),
        migrations.AddField(
            model_name='registration',
            name='company_sectors',
            field=models.ManyToManyField(blank=True, related_name='+', to='partners.sector', verbose_name='sectors, as given'),
        ),
        migrations.AddField(
            model_name='registration',
            name='inn',
            field=models.CharField(default='', max_length=12, validators=[partners.validators.validate_inn], verbose_name='INN given in the form'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='statuschange',
            name='kind',
            field=models.CharField(choices=[('status', 'status change'), ('details', 'details changed'), ('erasure', 'personal data erased')], default='status', max_length=20, verbose_name='kind of step'),
        ),
        migrations.AlterField(
            model_name='outgoingemail',
            name='kind',
            field=models.CharField(choices=[('confirm', 'confirmation link'), ('already_registered', 'link to an existing registration'), ('registration_changed', 'registration corrected'), ('status_submitted', 'registration confirmed'), ('status_accepted', 'accepted into the delegation'), ('status_waitlisted', 'on the waiting list'), ('status_held', 'kept in reserve'), ('status_declined', 'registration declined'), ('status_withdrawn', 'registration withdrawn')], max_length=40, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='company',
            field=models.ForeignKey(blank=True, help_text='Matched by INN, or created, when the email is confirmed.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to='partners.company', verbose_name='company'),
        ),
        migrations.AlterField(
            model_name='registration',
            name='status',
            field=models.CharField(choices=[('unconfirmed', 'awaiting email confirmation'), ('submitted', 'submitted'), ('accepted', 'accepted'), ('waitlisted', 'on the waiting list'), ('held', 'in reserve'), ('declined', 'declined'), ('withdrawn', 'withdrawn')], db_index=True, default='unconfirmed', max_length=20, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='from_status',
            field=models.CharField(blank=True, choices=[('unconfirmed', 'awaiting email confirmation'), ('submitted', 'submitted'), ('accepted', 'accepted'), ('waitlisted', 'on the waiting list'), ('held', 'in reserve'), ('declined', 'declined'), ('withdrawn', 'withdrawn')], max_length=20, verbose_name='from'),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='to_status',
            field=models.CharField(choices=[('unconfirmed', 'awaiting email confirmation'), ('submitted', 'submitted'), ('accepted', 'accepted'), ('waitlisted', 'on the waiting list'), ('held', 'in reserve'), ('declined', 'declined'), ('withdrawn', 'withdrawn')], max_length=20, verbose_name='to'),
        ),
        migrations.AddField(
            model_name='deletedregistration',
            name='deleted_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='deleted by'),
        ),
        migrations.AddField(
            model_name='deletedregistration',
            name='mission',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='deleted_registrations', to='missions.mission', verbose_name='mission'),
        ),
    ]
